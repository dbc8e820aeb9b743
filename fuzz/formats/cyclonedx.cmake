# CycloneDX codec fuzzers; seeds in fuzz/corpus/cyclonedx_json/ and fuzz/corpus/cyclonedx_xml/.
sbomhub_add_fuzzer(cyclonedx_json SOURCES cyclonedx_json_fuzzer.cc
  DEPS sbomhub_formats_cyclonedx sbomhub_base)
sbomhub_add_fuzzer(cyclonedx_xml SOURCES cyclonedx_xml_fuzzer.cc
  DEPS sbomhub_formats_cyclonedx sbomhub_base)
