#!/usr/bin/env python3
"""Writes a gzip fixture from a readable file, byte-for-byte the same on every run.

    make_gzip.py SOURCE OUTPUT [--truncate BYTES]

The gzip header records SOURCE's base name (as `gzip` does), mtime 0 and OS Unix; level 9. With
--truncate only the first BYTES bytes are written: a stream cut short inside the deflate data.
"""
import argparse
import os
import struct
import zlib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--truncate", type=int, default=None)
    args = parser.parse_args()

    with open(args.source, "rb") as f:
        data = f.read()
    # The header is written here, not by the gzip module, whose OS byte differs between versions.
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = deflate.compress(data) + deflate.flush()
    name = os.path.basename(args.source).encode("latin-1") + b"\0"
    header = b"\x1f\x8b\x08\x08" + struct.pack("<I", 0) + b"\x02\x03" + name  # FLG.FNAME
    out = header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    if args.truncate is not None:
        if args.truncate >= len(out):
            raise SystemExit(f"--truncate {args.truncate} does not cut the {len(out)}-byte stream")
        out = out[:args.truncate]
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
