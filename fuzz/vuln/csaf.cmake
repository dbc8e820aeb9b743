# csaf importer fuzzer. Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(csaf_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/csaf_json_fuzzer.cc
  DEPS sbomhub_csaf)
