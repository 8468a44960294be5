# Distribution build flags for every target (ours and the tests): Debian's hardening from dpkg-buildflags
# (fortify, stack protector, format checks, RELRO and BIND_NOW; PIE is GCC's default on Debian), line-table
# debug information for the -dbgsym package, and -ffile-prefix-map so no build path ends up in a binary.
# The optimisation level stays CMake's (CMAKE_BUILD_TYPE). Sanitizer builds skip the hardening: ASan and
# _FORTIFY_SOURCE intercept the same functions. Layer: build.
option(BK_DPKG_BUILDFLAGS "Compile and link with dpkg-buildflags' hardening (Debian's distribution flags)" ON)

# The source and build folders become fixed names in __FILE__ and in the debug information. The build folder
# is usually inside the source folder: GCC applies the map given last first, so it comes second.
add_compile_options("-ffile-prefix-map=${CMAKE_SOURCE_DIR}=/usr/src/briefing-kiosk"
                    "-ffile-prefix-map=${CMAKE_BINARY_DIR}=/usr/src/briefing-kiosk/build")

find_program(BK_DPKG_BUILDFLAGS_PROGRAM dpkg-buildflags)
if(BK_DPKG_BUILDFLAGS AND NOT BK_SANITIZE AND NOT BK_FUZZ AND BK_DPKG_BUILDFLAGS_PROGRAM)
  set(bk_flags "")
  foreach(kind CPPFLAGS CXXFLAGS LDFLAGS)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
                            "${BK_DPKG_BUILDFLAGS_PROGRAM}" --get ${kind}
                    OUTPUT_VARIABLE value OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    separate_arguments(value UNIX_COMMAND "${value}")
    # -O2 and dpkg's own prefix map (of the folder cmake runs in) give way to ours and to the build type.
    # -g becomes -g1 (functions and line tables: symbolised backtraces from the -dbgsym package), which
    # costs CI a fraction of full debug information's compile and link time.
    list(FILTER value EXCLUDE REGEX "^-O[0-9s]?$|^-ffile-prefix-map=|^-fdebug-prefix-map=")
    list(TRANSFORM value REPLACE "^-g$" "-g1")
    set(bk_dpkg_${kind} ${value})
  endforeach()
  add_compile_options(${bk_dpkg_CPPFLAGS} ${bk_dpkg_CXXFLAGS})
  add_link_options(${bk_dpkg_LDFLAGS})
  message(STATUS "dpkg-buildflags: ${bk_dpkg_CPPFLAGS} ${bk_dpkg_CXXFLAGS} | ${bk_dpkg_LDFLAGS}")
endif()
