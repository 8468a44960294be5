# The shipped resources (course, fonts, pack labels) as the programs find them: content::locateResources
# looks in <program's folder>/share/briefing-kiosk, then the install prefix. Layer: build.
#
# In the build tree, ${CMAKE_BINARY_DIR}/share/briefing-kiosk mirrors the install layout with symbolic links
# into the source tree (edits to the course show up without a rebuild), and every folder that holds a
# program gets a `share` link to it, so both programs and the tests run from the build tree with no flags.
# Release binaries hold no source path: the source-tree fallback exists only under the developer option
# BK_DEV_SOURCE_RESOURCES (OFF by default; never used for the package or CI).
option(BK_DEV_SOURCE_RESOURCES "Developer builds only: also look for resources in the source tree" OFF)

set(BK_INSTALL_DATADIR "${CMAKE_INSTALL_FULL_DATADIR}/briefing-kiosk")
set(BK_DEV_SOURCE_DIR "")
if(BK_DEV_SOURCE_RESOURCES)
  set(BK_DEV_SOURCE_DIR "${CMAKE_SOURCE_DIR}")
endif()
configure_file("${CMAKE_SOURCE_DIR}/cmake/install_dirs.hpp.in" "${CMAKE_BINARY_DIR}/generated-install/bk/install_dirs.hpp" @ONLY)
add_library(bk_install_dirs INTERFACE)
target_include_directories(bk_install_dirs INTERFACE "${CMAKE_BINARY_DIR}/generated-install")

set(BK_STAGED_RESOURCES "${CMAKE_BINARY_DIR}/share/briefing-kiosk")
file(MAKE_DIRECTORY "${BK_STAGED_RESOURCES}/print")
foreach(pair "content/course:content" "assets:assets" "print/strings/pack.toml:print/pack.toml")
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  file(CREATE_LINK "${CMAKE_SOURCE_DIR}/${from}" "${BK_STAGED_RESOURCES}/${to}" SYMBOLIC)
endforeach()

# After every add_subdirectory: a `share` link beside each folder's executables.
function(bk_link_resources_beside_programs dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE")
      get_property(bin DIRECTORY "${dir}" PROPERTY BINARY_DIR)
      if(NOT EXISTS "${bin}/share")
        file(CREATE_LINK "${CMAKE_BINARY_DIR}/share" "${bin}/share" SYMBOLIC)
      endif()
      break()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    bk_link_resources_beside_programs("${sub}")
  endforeach()
endfunction()

# What the package installs under <datadir>/briefing-kiosk: the course (content/CMakeLists.txt), the fonts
# and assets (Packaging.cmake) and the pack labels, here.
install(FILES "${CMAKE_SOURCE_DIR}/print/strings/pack.toml" DESTINATION "${CMAKE_INSTALL_DATADIR}/briefing-kiosk/print")
