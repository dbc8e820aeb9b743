# OSV importer fuzzers (JSON and YAML). Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(osv_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/osv_json_fuzzer.cc
  DEPS sbomhub_osv)

sbomhub_add_fuzzer(osv_yaml
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/osv_yaml_fuzzer.cc
  DEPS sbomhub_osv)
