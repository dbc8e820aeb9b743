#!/usr/bin/env python3
"""Writes a gzip fixture from a readable file, byte-for-byte the same on every run.

    make_gzip.py SOURCE OUTPUT [--truncate BYTES]

The gzip header records SOURCE's base name (as `gzip` does) and mtime 0; level 9. With
--truncate only the first BYTES bytes are written: a stream cut short inside the deflate data.
"""
import argparse
import gzip
import io
import os


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--truncate", type=int, default=None)
    args = parser.parse_args()

    with open(args.source, "rb") as f:
        data = f.read()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=os.path.basename(args.source), mode="wb", compresslevel=9,
                       fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    out = buffer.getvalue()
    if args.truncate is not None:
        if args.truncate >= len(out):
            raise SystemExit(f"--truncate {args.truncate} does not cut the {len(out)}-byte stream")
        out = out[:args.truncate]
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
