# Read by cpack before it packs (CPACK_PROJECT_CONFIG_FILE): the Debian package installs under /usr, and its
# programs find their resources under the prefix they were configured with, so the two must agree.
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_PACKAGING_INSTALL_PREFIX STREQUAL "/usr")
  message(FATAL_ERROR "The Debian package installs under /usr, but this build was configured with the prefix "
                      "${CPACK_PACKAGING_INSTALL_PREFIX}: re-run cmake with -DCMAKE_INSTALL_PREFIX=/usr first "
                      "(tools/ci-package does), so the programs look for their resources where the package puts them")
endif()
