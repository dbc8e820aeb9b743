#!/usr/bin/env python3
"""Writes libbroken.so: an ELF identification (64-bit, little-endian, version 1) followed by text,
25 bytes in all, far short of the 64-byte ELF header. The cataloger must report it and go on.

    make_truncated_elf.py OUTPUT
"""
import os
import sys

E_IDENT = b"\x7fELF" + bytes([2, 1, 1, 0])  # ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_NONE

out = sys.argv[1]
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "wb") as f:
    f.write(E_IDENT + b"garbage-truncated")
