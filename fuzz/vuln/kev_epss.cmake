# CISA KEV (JSON and CSV) and FIRST EPSS (CSV) readers. Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(kev_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/kev_json_fuzzer.cc
  DEPS sbomhub_kev sbomhub_base)

sbomhub_add_fuzzer(epss_csv
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/epss_csv_fuzzer.cc
  DEPS sbomhub_epss sbomhub_base)
