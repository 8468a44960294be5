// The installation secret for end-to-end tests that prepare or read the store the kiosk uses. Layer: tests (e2e).
#pragma once

#include "kiosk/config/secrets.hpp"
#include "kiosk/records/store.hpp"

#include <filesystem>

namespace e2e {

// The secret the kiosk will find under XDG_CONFIG_HOME=`configHome` (created there, 0600, when missing), and
// store options keyed with its audit key: the test shares the kiosk's key (a store made first without one
// would make the kiosk refuse to create a key for it, as it must).
kiosk::records::OpenOptions kioskStoreOptions(const std::filesystem::path& configHome);

// The PIN pepper of that same secret, for setting PINs the kiosk accepts.
kiosk::config::PurposeKey kioskPinPepper(const std::filesystem::path& configHome);

}  // namespace e2e
