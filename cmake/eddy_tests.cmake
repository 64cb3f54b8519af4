# eddy_add_tests(<layer> LIBS <libs...>): one GoogleTest binary per layer, built from the
# layer's tests/*.cc, registered with ctest as a single test per binary so that ctest's
# summary counts layers and GoogleTest reports the individual cases.
function(eddy_add_tests layer)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*.cc)
  if(NOT sources)
    return()
  endif()
  set(target eddy_${layer}_tests)
  add_executable(${target} ${sources})
  target_link_libraries(${target} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main Threads::Threads)
  add_test(NAME ${layer} COMMAND ${target} --gtest_brief=1)
  set_tests_properties(${layer} PROPERTIES TIMEOUT 600)
endfunction()
