# Cross-family behaviour that needs both codec families and the registry.
if(TARGET sbomhub_formats)
  sbomhub_add_test(formats_roundtrip_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/roundtrip_test.cc
    DEPS sbomhub_formats sbomhub_model sbomhub_base
    SHARED_DATA TIMEOUT 600)
  sbomhub_add_test(formats_registry_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/registry_test.cc
    DEPS sbomhub_formats sbomhub_model sbomhub_base)
endif()
