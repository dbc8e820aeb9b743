# Vulnerability database benchmark: import rate and scan latency (scripts/run-bench-vuln).
# Included from bench/CMakeLists.txt.
# Guarded so that including it twice (bench/ and tests/vulndb/) defines the target once.
if(TARGET sbomhub_app AND TARGET sbomhub_formats AND NOT TARGET sbomhub_bench_vuln)
  add_executable(sbomhub_bench_vuln ${CMAKE_CURRENT_LIST_DIR}/vuln_bench.cc)
  target_include_directories(sbomhub_bench_vuln PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sbomhub_bench_vuln PRIVATE sbomhub_app sbomhub_formats sbomhub_vulndb sbomhub_match
    sbomhub_model sbomhub_base)
  sbomhub_warnings(sbomhub_bench_vuln)
endif()
