# Helpers so each module's CMakeLists.txt is a short, explicit list.

set(SBOMHUB_SHARED_DATA_DIR "${PROJECT_SOURCE_DIR}/../shared/data" CACHE PATH
    "Third-party test data (tests labelled shared-data skip when it is absent)")

function(sbomhub_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers
    # GCC 12 reports false positives inside libstdc++ string code at -O3 (GCC PR 105651).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict -Wno-stringop-overflow -Wno-array-bounds>)
endfunction()

# sbomhub_add_library(name SOURCES a.cc b.cc DEPS private-deps... PUBLIC_DEPS public-deps...)
function(sbomhub_add_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS;PUBLIC_DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${A_PUBLIC_DEPS} PRIVATE ${A_DEPS})
  sbomhub_warnings(${name})
endfunction()

# sbomhub_add_test(name SOURCES ... DEPS ... [SHARED_DATA] [LABELS ...] [TIMEOUT s])
# SHARED_DATA tests are labelled shared-data and exit 77 (reported as skipped) when
# ../shared/data is absent.
function(sbomhub_add_test name)
  cmake_parse_arguments(A "SHARED_DATA" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES} ${PROJECT_SOURCE_DIR}/tests/support/test_main.cc)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${A_DEPS} sbomhub_test_paths GTest::gtest GTest::gmock Threads::Threads)
  if(A_SHARED_DATA)
    target_compile_definitions(${name} PRIVATE SBOMHUB_NEEDS_SHARED_DATA=1)
    list(APPEND A_LABELS shared-data)
  endif()
  sbomhub_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${A_TIMEOUT})
  if(A_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}")
  endif()
endfunction()

# sbomhub_add_fuzzer(name SOURCES fuzz_x.cc DEPS ...)
# With SBOMHUB_FUZZ=ON (clang) builds a libFuzzer binary; otherwise links a replay main so
# ctest re-runs every input kept in fuzz/corpus/<name>/ (seeds and past crashes).
function(sbomhub_add_fuzzer name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  set(target fuzz_${name})
  if(SBOMHUB_FUZZ)
    add_executable(${target} ${A_SOURCES})
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  else()
    add_executable(${target} ${A_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PRIVATE ${A_DEPS})
  sbomhub_warnings(${target})
  if(NOT SBOMHUB_FUZZ AND EXISTS ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    add_test(NAME fuzz_replay_${name} COMMAND ${target} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz-replay TIMEOUT 300)
  endif()
endfunction()
