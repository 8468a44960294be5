# Finds every Debian 12 package the build uses and exposes each as one imported target (bk::name).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Dear ImGui 1.86: libimgui.a holds the core plus the SDL2 and OpenGL3 backends. Its .pc file does not
# add the backends' include folder, and the core needs stb_truetype from libstb.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
add_library(bk::imgui INTERFACE IMPORTED)
target_link_libraries(bk::imgui INTERFACE PkgConfig::IMGUI)
target_include_directories(bk::imgui INTERFACE /usr/include/imgui/backends)

pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
add_library(bk::stb INTERFACE IMPORTED)
target_link_libraries(bk::stb INTERFACE PkgConfig::STB)

find_package(SDL2 REQUIRED CONFIG)
add_library(bk::sdl2 INTERFACE IMPORTED)
target_link_libraries(bk::sdl2 INTERFACE SDL2::SDL2)

set(OpenGL_GL_PREFERENCE GLVND)
find_package(OpenGL REQUIRED)

# libharu 2.3.0 ships neither a .pc file nor a CMake config.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
add_library(bk::hpdf UNKNOWN IMPORTED)
set_target_properties(bk::hpdf PROPERTIES IMPORTED_LOCATION "${HPDF_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}")

pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
add_library(bk::qrencode INTERFACE IMPORTED)
target_link_libraries(bk::qrencode INTERFACE PkgConfig::QRENCODE)

find_library(CUPS_LIBRARY cups REQUIRED)
find_path(CUPS_INCLUDE_DIR cups/cups.h REQUIRED)
add_library(bk::cups UNKNOWN IMPORTED)
set_target_properties(bk::cups PROPERTIES IMPORTED_LOCATION "${CUPS_LIBRARY}"
                      INTERFACE_INCLUDE_DIRECTORIES "${CUPS_INCLUDE_DIR}")

find_package(SQLite3 REQUIRED)
find_package(SQLiteCpp REQUIRED CONFIG)
add_library(bk::sqlite INTERFACE IMPORTED)
target_link_libraries(bk::sqlite INTERFACE SQLiteCpp SQLite::SQLite3)

find_package(CLI11 REQUIRED CONFIG)
add_library(bk::cli11 INTERFACE IMPORTED)
target_link_libraries(bk::cli11 INTERFACE CLI11::CLI11)

find_package(tomlplusplus REQUIRED CONFIG)
add_library(bk::toml INTERFACE IMPORTED)
target_link_libraries(bk::toml INTERFACE tomlplusplus::tomlplusplus)

pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark-gfm)
find_library(CMARK_EXT_LIBRARY cmark-gfm-extensions REQUIRED)
add_library(bk::cmark INTERFACE IMPORTED)
target_link_libraries(bk::cmark INTERFACE PkgConfig::CMARK ${CMARK_EXT_LIBRARY})

pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
add_library(bk::utf8proc INTERFACE IMPORTED)
target_link_libraries(bk::utf8proc INTERFACE PkgConfig::UTF8PROC)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
add_library(bk::sodium INTERFACE IMPORTED)
target_link_libraries(bk::sodium INTERFACE PkgConfig::SODIUM)

if(BK_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED CONFIG)
endif()
