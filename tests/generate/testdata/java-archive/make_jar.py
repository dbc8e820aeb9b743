#!/usr/bin/env python3
"""Writes a jar (a zip file, possibly holding nested jars) from a readable spec, byte-for-byte
the same on every run.

    make_jar.py SPEC.json OUTPUT.jar

SPEC.json: {"members": [...]} where a member is {"name": path in the zip, then one of
"text" (UTF-8), "hex" (raw bytes) or "members" (a nested jar built the same way), and optionally
"stored": true (no compression; default deflate)}. Members are written in the order listed,
every one dated 1980-01-01 00:00:00 with mode 0600, so the bytes depend only on the spec.
"""
import argparse
import io
import json
import os
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def jar_bytes(members: list) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as jar:
        for m in members:
            if "members" in m:
                data = jar_bytes(m["members"])
            elif "hex" in m:
                data = bytes.fromhex(m["hex"])
            else:
                data = m["text"].encode("utf-8")
            info = zipfile.ZipInfo(m["name"], date_time=FIXED_DATE)
            info.external_attr = 0o600 << 16
            info.create_system = 3  # Unix, whatever the host
            info.compress_type = zipfile.ZIP_STORED if m.get("stored") else zipfile.ZIP_DEFLATED
            jar.writestr(info, data)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec")
    parser.add_argument("output")
    args = parser.parse_args()
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    data = jar_bytes(spec["members"])
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
