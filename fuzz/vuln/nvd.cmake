# nvd importer fuzzer. Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(nvd_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/nvd_json_fuzzer.cc
  DEPS sbomhub_nvd)
