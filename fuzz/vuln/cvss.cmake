# CVSS vector parser and calculators (all versions). Included from fuzz/vuln/CMakeLists.txt.
sbomhub_add_fuzzer(cvss_vector
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/cvss_vector_fuzzer.cc
  DEPS sbomhub_cvss sbomhub_base)
