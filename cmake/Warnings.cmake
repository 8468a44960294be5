# Compiler warnings for our own targets (not for Debian's headers), and the sanitizer build.
add_library(bk_warnings INTERFACE)
target_compile_options(bk_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12's -Wrestrict misfires on std::string concatenation at -O2 (GCC bug 105329): switch it off
# for GCC 12 only, so -Werror does not fail on libstdc++'s own code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(bk_warnings INTERFACE -Wno-restrict)
endif()
if(BK_WERROR)
  target_compile_options(bk_warnings INTERFACE -Werror)
endif()
if(BK_SANITIZE)
  # GCC's flow analysis under -fsanitize reports uninitialised values inside libstdc++ (std::regex,
  # std::function) that are not there; the Release build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(bk_warnings INTERFACE -Wno-maybe-uninitialized)
  endif()
  # RelWithDebInfo under the sanitizers builds at -O1 with line tables only (-g1: reports still name file and
  # line), as the AddressSanitizer documentation suggests: measured on 2 cores, tests/ui/test_officer_admin.cpp
  # took 60 s at -O2 -g and 37 s at -O1 -g1, which keeps .ci/run's sanitizer stage inside its time.
  foreach(lang C CXX)
    set(CMAKE_${lang}_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG")
  endforeach()
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# bk_add_library(name folder DEPS ...): a static library from folder/src/*.cpp with folder/include public.
function(bk_add_library name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp")
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_include_directories(${name} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/include")
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE bk_warnings)
  else()
    # A layer whose issue has not landed yet: headers only.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE "${CMAKE_CURRENT_SOURCE_DIR}/include")
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()
