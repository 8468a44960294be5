// The installation key a kiosk under test will find, made as its first start would. Layer: tests (e2e).
#pragma once

#include "kiosk/config/secrets.hpp"

#include <filesystem>

namespace e2e {

// The key a kiosk started with XDG_CONFIG_HOME=`configHome` finds, created as a first start would (call
// it before the store exists: a store without its key is an environment fault): its PIN pepper, for
// setting PINs that kiosk accepts.
inline kiosk::config::PurposeKey firstStartPinPepper(const std::filesystem::path& configHome,
                                                     const std::filesystem::path& dataDir) {
    const auto secret = kiosk::config::loadSecretFile(configHome / "briefing-kiosk" / kiosk::config::kSecretFileName,
                                                      "e2e", true, dataDir, kiosk::config::SecretCreation::IfNoStoreYet);
    return kiosk::config::deriveKey(secret.key, kiosk::config::KeyPurpose::PinPepper);
}

}  // namespace e2e
