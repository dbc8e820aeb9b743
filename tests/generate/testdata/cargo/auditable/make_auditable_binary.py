#!/usr/bin/env python3
"""Makes a binary that looks to sbomhub like one built with `cargo auditable`: a copy of an ELF
file with a `.dep-v0` section holding the zlib-compressed dependency JSON, which is what
cargo-auditable embeds (https://github.com/rust-secure-code/cargo-auditable, format `.dep-v0`).

    make_auditable_binary.py OBJCOPY DEP.json INPUT_ELF OUTPUT

The JSON is re-serialised compactly (json.dumps defaults) and compressed at zlib level 6, so the
output depends only on the JSON's content and INPUT_ELF. No Rust toolchain is needed.
"""
import json
import os
import subprocess
import sys
import zlib

objcopy, dep_json, input_elf, output = sys.argv[1:5]
with open(dep_json, encoding="utf-8") as f:
    section = zlib.compress(json.dumps(json.load(f)).encode(), 6)
os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
section_file = output + ".dep-v0"
with open(section_file, "wb") as f:
    f.write(section)
try:
    subprocess.run([objcopy, "--add-section", ".dep-v0=" + section_file, input_elf, output], check=True)
finally:
    os.remove(section_file)
