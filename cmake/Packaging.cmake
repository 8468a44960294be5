# Packaging: install rules for the shipped data, configuration, manual pages and Debian docs, and the
# CPack settings behind `cpack -G DEB` in the build folder. Layer: build. Sources live in packaging/.
set(BK_PKG_SRC "${CMAKE_SOURCE_DIR}/packaging")
set(BK_PKG_OUT "${CMAKE_BINARY_DIR}/packaging")
set(BK_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/briefing-kiosk")
file(MAKE_DIRECTORY "${BK_PKG_OUT}/man")

# Folders made by install() get 0755 whatever the builder's umask: group-writable ones are a lintian error.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

find_program(BK_GZIP gzip REQUIRED)
find_program(BK_SCDOC scdoc)

# The shipped assets. Fonts identical to Debian's fonts-dejavu-core become symlinks to it (Debian
# forbids duplicate font files); a font we changed (e.g. decomposed for libharu) ships as our own copy.
set(BK_SYSTEM_FONT_DIR "/usr/share/fonts/truetype/dejavu")
set(BK_USES_SYSTEM_FONTS OFF)
file(GLOB bk_font_files "${CMAKE_SOURCE_DIR}/assets/fonts/*.ttf")
foreach(font IN LISTS bk_font_files)
  get_filename_component(name "${font}" NAME)
  file(SHA256 "${font}" ours)
  set(theirs "")
  if(EXISTS "${BK_SYSTEM_FONT_DIR}/${name}")
    file(SHA256 "${BK_SYSTEM_FONT_DIR}/${name}" theirs)
  endif()
  if(ours STREQUAL theirs)
    set(BK_USES_SYSTEM_FONTS ON)
    set(link "${BK_PKG_OUT}/fonts/${name}")
    file(MAKE_DIRECTORY "${BK_PKG_OUT}/fonts")
    file(CREATE_LINK "../../../fonts/truetype/dejavu/${name}" "${link}" SYMBOLIC)
    install(FILES "${link}" DESTINATION "${CMAKE_INSTALL_DATADIR}/briefing-kiosk/assets/fonts")
  else()
    install(FILES "${font}" DESTINATION "${CMAKE_INSTALL_DATADIR}/briefing-kiosk/assets/fonts")
  endif()
endforeach()
install(DIRECTORY "${CMAKE_SOURCE_DIR}/assets/" DESTINATION "${CMAKE_INSTALL_DATADIR}/briefing-kiosk/assets"
        PATTERN "*.ttf" EXCLUDE)

# Files outside the prefix, which name /usr paths: installed only when the prefix is /usr (the Debian
# package), so `cmake --install` to /usr/local or a home folder leaves /etc and /lib alone.
function(bk_install_system_file file destination)
  install(CODE "
    if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
      file(INSTALL DESTINATION \"${destination}\" TYPE FILE FILES \"${file}\")
    else()
      message(STATUS \"Not installing ${destination}: only a /usr install (the Debian package) ships it\")
    endif()")
endfunction()

# The configuration file (a conffile, listed in packaging/conffiles) and the systemd unit, once the
# deployment files exist.
bk_install_system_file("${BK_PKG_SRC}/kiosk.toml" /etc/briefing-kiosk)
bk_install_system_file("${BK_PKG_SRC}/pam.d/briefing-kiosk" /etc/pam.d)
set(BK_HAVE_UNIT 0)
if(EXISTS "${CMAKE_SOURCE_DIR}/tools/deploy/briefing-kiosk.service")
  set(BK_HAVE_UNIT 1)
  bk_install_system_file("${CMAKE_SOURCE_DIR}/tools/deploy/briefing-kiosk.service" /lib/systemd/system)
endif()

# Manual pages: scdoc sources with the version filled in, built and gzipped (-9n) at build time. Their
# date is the newest changelog entry's, not the build's, so the pages are reproducible.
file(STRINGS "${BK_PKG_SRC}/changelog" bk_trailer REGEX "^ -- .*  " LIMIT_COUNT 1)
string(REGEX REPLACE "^ -- .*  " "" bk_release_date "${bk_trailer}")
execute_process(COMMAND date -u -d "${bk_release_date}" +%s OUTPUT_VARIABLE bk_release_epoch
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set(bk_man_outputs "")
foreach(page briefing-kiosk briefing)
  configure_file("${BK_PKG_SRC}/man/${page}.1.scd" "${BK_PKG_OUT}/man/${page}.1.scd" @ONLY)
  set(out "${BK_PKG_OUT}/man/${page}.1.gz")
  if(BK_SCDOC)
    add_custom_command(OUTPUT "${out}"
      COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=${bk_release_epoch}
              sh -c "'${BK_SCDOC}' < '${BK_PKG_OUT}/man/${page}.1.scd' > '${BK_PKG_OUT}/man/${page}.1'"
      COMMAND "${BK_GZIP}" -9nf "${BK_PKG_OUT}/man/${page}.1"
      DEPENDS "${BK_PKG_OUT}/man/${page}.1.scd" "${BK_PKG_OUT}/changelog"
      COMMENT "Manual page ${page}(1)" VERBATIM)
    list(APPEND bk_man_outputs "${out}")
  endif()
endforeach()
if(BK_SCDOC)
  add_custom_target(bk_man_pages ALL DEPENDS ${bk_man_outputs})
  install(FILES ${bk_man_outputs} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "scdoc not found: manual pages are not built and installing fails (run tools/setup-deps)")
  install(CODE "message(FATAL_ERROR \"scdoc not found: install it (tools/setup-deps) and re-run cmake\")")
endif()

# Debian docs: DEP-5 copyright and the changelog (a native package: changelog.gz, not changelog.Debian.gz).
configure_file("${BK_PKG_SRC}/changelog" "${BK_PKG_OUT}/changelog" @ONLY)
add_custom_command(OUTPUT "${BK_PKG_OUT}/changelog.gz"
  COMMAND "${BK_GZIP}" -9nkf "${BK_PKG_OUT}/changelog"
  DEPENDS "${BK_PKG_OUT}/changelog" VERBATIM)
add_custom_target(bk_changelog ALL DEPENDS "${BK_PKG_OUT}/changelog.gz")
install(FILES "${BK_PKG_SRC}/copyright" "${BK_PKG_OUT}/changelog.gz" DESTINATION "${BK_DOCDIR}")
install(FILES "${BK_PKG_SRC}/lintian-overrides" RENAME briefing-kiosk
        DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides")

# Maintainer scripts: BK_HAVE_UNIT tells them whether the package ships the systemd unit.
foreach(script preinst postinst prerm postrm)
  configure_file("${BK_PKG_SRC}/${script}" "${BK_PKG_OUT}/${script}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()

# CPack: one Debian binary package, briefing-kiosk_<version>_<arch>.deb, installed under the configured
# prefix, which must be /usr (the programs look for their resources under the prefix they were built for:
# configure with -DCMAKE_INSTALL_PREFIX=/usr, as tools/ci-package does), plus the detached debug symbols in
# briefing-kiosk-dbgsym_<version>_<arch>.ddeb (build-id paths under /usr/lib/debug, as Debian's -dbgsym
# packages have them).
set(CPACK_PACKAGE_NAME "briefing-kiosk")
set(CPACK_PACKAGE_VENDOR "Briefing Kiosk maintainers")
set(CPACK_PACKAGE_CONTACT "Briefing Kiosk maintainers <briefing-kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline kiosk for security briefings of election candidates")
file(READ "${BK_PKG_SRC}/description" CPACK_PACKAGE_DESCRIPTION)
string(STRIP "${CPACK_PACKAGE_DESCRIPTION}" CPACK_PACKAGE_DESCRIPTION)
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_SOURCE_DIR}/cmake/CPackCheck.cmake")
# Not CPACK_STRIP_FILES: the debug-info step strips the package's ELF files itself, after it has moved
# their debug sections into the -dbgsym package (stripping first would leave it nothing to move).
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# What dpkg-shlibdeps cannot see, because it is loaded at run time:
# - adduser for the system user made in postinst;
# - libgl1 and libegl1 (SDL and the ImGui backend dlopen libGL.so.1 / libEGL.so.1) with Mesa's drivers
#   (libgl1-mesa-dri: llvmpipe and the DRM drivers; libegl-mesa0 comes with libegl1);
# - cage, the Wayland kiosk compositor the unit runs, xwayland (wlroots in cage refuses to start without
#   the Xwayland binary), libpam-systemd (pam_systemd.so in the unit's PAM service, for the logind
#   session), procps (pkill in the unit's ExecStop);
# - fonts-dejavu-core for the fonts linked to it.
set(bk_depends "adduser, libgl1, libegl1, libgl1-mesa-dri")
if(BK_HAVE_UNIT)
  string(APPEND bk_depends ", cage, xwayland, libpam-systemd, procps")
endif()
if(BK_USES_SYSTEM_FONTS)
  string(APPEND bk_depends ", fonts-dejavu-core")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${bk_depends}")
# A CUPS client library is linked (shlibdeps); the scheduler itself is optional: without a printer
# configured, packs go to the spool folder.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cups-daemon")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${BK_PKG_SRC}/conffiles;${BK_PKG_OUT}/preinst;${BK_PKG_OUT}/postinst;${BK_PKG_OUT}/prerm;${BK_PKG_OUT}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
