# SPDX codec fuzzers; seeds in fuzz/corpus/spdx_json/, spdx_tv/ and spdx3_jsonld/.
sbomhub_add_fuzzer(spdx_json SOURCES spdx_json_fuzzer.cc DEPS sbomhub_formats_spdx sbomhub_base)
sbomhub_add_fuzzer(spdx_tv SOURCES spdx_tv_fuzzer.cc DEPS sbomhub_formats_spdx sbomhub_base)
sbomhub_add_fuzzer(spdx3_jsonld SOURCES spdx3_jsonld_fuzzer.cc DEPS sbomhub_formats_spdx sbomhub_base)
