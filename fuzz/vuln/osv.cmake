# osv importer fuzzer. Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(osv_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/osv_json_fuzzer.cc
  DEPS sbomhub_osv)
