# cve5 importer fuzzer. Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(cve5_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/cve5_json_fuzzer.cc
  DEPS sbomhub_cve5)
