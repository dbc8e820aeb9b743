#!/usr/bin/env python3
"""Writes an rpmdb.sqlite (the RPM package database of Fedora 33+ / RHEL 9) from a readable list
of packages.

    make_rpmdb.py PACKAGES.json OUTPUT.sqlite

The database has RPM's table Packages(hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);
each blob is an RPM header without the lead or header magic, as rpm stores it:

    [index count il: u32 BE][data size dl: u32 BE]
    il x [tag u32 BE][type u32 BE][offset into data u32 BE][count u32 BE]
    data[dl]

PACKAGES.json: {"packages": [...]}, one row per item in order (hnum 1, 2, ...). An item is either
{"tags": {TAG: value, ...}} - a string value is an RPM_STRING_TYPE (6), an integer an
RPM_INT32_TYPE (4, aligned to 4 bytes in the data), {"i18n": "text"} an RPM_I18NSTRING_TYPE (9) -
or {"raw": {"il": n, "dl": n, "data": "text"}}: a header that claims il index entries and dl data
bytes but holds only `data`, for a blob that must be reported as broken.
"""
import argparse
import json
import os
import sqlite3
import struct

TAGS = {"NAME": 1000, "VERSION": 1001, "RELEASE": 1002, "EPOCH": 1003, "SUMMARY": 1004,
        "VENDOR": 1011, "LICENSE": 1014, "ARCH": 1022, "SOURCERPM": 1044}
RPM_INT32_TYPE, RPM_STRING_TYPE, RPM_I18NSTRING_TYPE = 4, 6, 9


def header_blob(tags: dict) -> bytes:
    index, data = b"", b""
    for name, value in tags.items():
        if isinstance(value, int):
            data += b"\0" * (-len(data) % 4)
            kind, payload = RPM_INT32_TYPE, struct.pack(">I", value)
        elif isinstance(value, dict):
            kind, payload = RPM_I18NSTRING_TYPE, value["i18n"].encode() + b"\0"
        else:
            kind, payload = RPM_STRING_TYPE, value.encode() + b"\0"
        index += struct.pack(">IIII", TAGS[name], kind, len(data), 1)
        data += payload
    return struct.pack(">II", len(tags), len(data)) + index + data


def raw_blob(raw: dict) -> bytes:
    return struct.pack(">II", raw["il"], raw["dl"]) + raw["data"].encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages")
    parser.add_argument("output")
    args = parser.parse_args()
    with open(args.packages, encoding="utf-8") as f:
        packages = json.load(f)["packages"]
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    if os.path.exists(args.output):
        os.remove(args.output)
    db = sqlite3.connect(args.output)
    db.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
    for p in packages:
        blob = raw_blob(p["raw"]) if "raw" in p else header_blob(p["tags"])
        db.execute("INSERT INTO Packages (blob) VALUES (?)", (blob,))
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
