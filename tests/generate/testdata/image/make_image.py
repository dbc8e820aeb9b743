#!/usr/bin/env python3
"""Writes a container image tarball from a readable spec, byte-for-byte the same on every run.

    make_image.py SPEC.json OUTPUT.tar [--depfile OUTPUT.d]

SPEC.json:
  "layout":    "docker-save" (manifest.json + layer blobs) or "oci" (oci-layout + index.json)
  "repo_tags": docker-save RepoTags (optional); "ref_name": OCI org.opencontainers.image.ref.name
  "config":    docker-save config.json content (optional; omitted from manifest.json when absent)
  "layers":    list of {"tree": dir relative to SPEC, "gzip": bool, "name": blob path (optional,
               else blobs/sha256/<digest>), "entries": [...]}
An entry is {"path": name in the tar, "type": "file" (default) | "dir" | "symlink",
"target": link target, "mode": octal string, and the content: "text" inline, "zeros": a count,
or else the file <tree>/<path>}. Entries are written in the order listed, so a layer can hold
what no checked-out tree can (../ names, absolute names, a file below a symlink, setuid modes).

Every member has mtime 0, uid/gid 0, no user or group names (GNU tar format); gzip has mtime 0.
A layer's digest is the SHA-256 of the blob as stored (for docker-save: the uncompressed tar).
"""
import argparse
import hashlib
import io
import json
import os
import struct
import tarfile
import zlib

OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar"


def member(name: str, size: int = 0, kind: bytes = tarfile.REGTYPE, mode: int = 0o644,
           target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mode, info.linkname = kind, size, mode, target
    info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
    return info


def tar_bytes(members) -> bytes:
    """members: (TarInfo, bytes or None) pairs, in order."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    """gzip level 9 with a fixed header (no name, mtime 0, OS Unix) whatever the Python version."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = deflate.compress(data) + deflate.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\x03"
    return header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def layer_bytes(layer: dict, spec_dir: str, inputs: list) -> bytes:
    tree = os.path.join(spec_dir, layer.get("tree", ""))
    members = []
    for entry in layer["entries"]:
        kind = entry.get("type", "file")
        mode = int(entry["mode"], 8) if "mode" in entry else None
        if kind == "dir":
            members.append((member(entry["path"], kind=tarfile.DIRTYPE, mode=mode or 0o755), None))
        elif kind == "symlink":
            members.append((member(entry["path"], kind=tarfile.SYMTYPE, mode=mode or 0o777,
                                   target=entry["target"]), None))
        elif kind == "file":
            if "text" in entry:
                data = entry["text"].encode()
            elif "zeros" in entry:
                data = bytes(entry["zeros"])
            else:
                source = os.path.join(tree, entry["path"])
                inputs.append(source)
                with open(source, "rb") as f:
                    data = f.read()
            members.append((member(entry["path"], len(data), mode=mode or 0o644), data))
        else:
            raise SystemExit(f"{entry['path']}: unknown entry type {kind!r}")
    data = tar_bytes(members)
    return gzip_bytes(data) if layer.get("gzip") else data


def blob_name(data: bytes) -> str:
    return "blobs/sha256/" + hashlib.sha256(data).hexdigest()


def image_members(spec: dict, spec_dir: str, inputs: list):
    layers = [layer_bytes(layer, spec_dir, inputs) for layer in spec["layers"]]
    names = [layer.get("name") or blob_name(data) for layer, data in zip(spec["layers"], layers)]
    files = []
    if spec["layout"] == "docker-save":
        manifest = {}
        if "config" in spec:
            manifest["Config"] = "config.json"
        if "repo_tags" in spec:
            manifest["RepoTags"] = spec["repo_tags"]
        manifest["Layers"] = names
        files.append(("manifest.json", json.dumps([manifest]).encode()))
        if "config" in spec:
            files.append(("config.json", json.dumps(spec["config"]).encode()))
    elif spec["layout"] == "oci":
        layer_refs = [{"mediaType": OCI_LAYER_GZIP if layer.get("gzip") else OCI_LAYER,
                       "digest": "sha256:" + hashlib.sha256(data).hexdigest()}
                      for layer, data in zip(spec["layers"], layers)]
        manifest = json.dumps({"schemaVersion": 2, "layers": layer_refs}).encode()
        manifest_ref = {"digest": "sha256:" + hashlib.sha256(manifest).hexdigest()}
        if "ref_name" in spec:
            manifest_ref["annotations"] = {"org.opencontainers.image.ref.name": spec["ref_name"]}
        files.append(("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'))
        files.append(("index.json", json.dumps({"schemaVersion": 2, "manifests": [manifest_ref]}).encode()))
        files.append((blob_name(manifest), manifest))
    else:
        raise SystemExit(f"unknown layout {spec['layout']!r}")
    files.extend(zip(names, layers))
    return [(member(name, len(data)), data) for name, data in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec")
    parser.add_argument("output")
    parser.add_argument("--depfile", help="write a Makefile-style list of the files read")
    args = parser.parse_args()

    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    inputs = [os.path.abspath(args.spec)]
    data = tar_bytes(image_members(spec, os.path.dirname(os.path.abspath(args.spec)), inputs))
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)
    if args.depfile:
        with open(args.depfile, "w", encoding="utf-8") as f:
            deps = " ".join(os.path.abspath(p).replace(" ", "\\ ") for p in inputs)
            f.write(f"{os.path.abspath(args.output)}: {deps}\n")


if __name__ == "__main__":
    main()
