// libdemo.so.1: carries the version banners the ELF cataloger recognises in .rodata (OpenSSL and
// zlib), and an FDO packaging-metadata note (.note.package) added at link time.
const char demo_banner[] = "OpenSSL 3.0.11 19 Sep 2023";
const char demo_zlib[] = " deflate 1.2.13 Copyright 1995-2022 Jean-loup Gailly and Mark Adler ";
int demo_value(void) { return 42; }
