// Shared helpers of the officer tests: a temporary data folder, raw file bytes, a fixed clock.
// Layer: tests/officer.
#pragma once

#include "kiosk/config/secrets.hpp"
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace officer_test {

// The records tests' temporary folder and byte readers, shared rather than copied.
using records_test::readBytes;
using records_test::TempDir;

// Like records_test::writeBytes, creating the parent folders first (fake /proc and /sys trees).
inline void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    records_test::writeBytes(file, bytes);
}

// Every file under `dir` whose raw bytes contain `needle`.
inline int filesContaining(const std::filesystem::path& dir, const std::string& needle) {
    int hits = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && readBytes(e.path()).find(needle) != std::string::npos) ++hits;
    }
    return hits;
}

// A fixed moment for tests: 27 November 2026 09:00:00 UTC.
inline kiosk::records::TimePoint t0() {
    kiosk::records::TimePoint t;
    kiosk::records::parseUtcIso("2026-11-27T09:00:00.000Z", t);
    return t;
}

// A fixed installation key for in-process tests, and the PIN pepper derived from it.
inline kiosk::config::SecretKey testSecret() {
    kiosk::config::KeyBytes raw{};
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<unsigned char>(0xA5 ^ (i * 13));
    return kiosk::config::SecretKey(raw);
}
inline kiosk::config::PurposeKey pepper() {
    return kiosk::config::deriveKey(testSecret(), kiosk::config::KeyPurpose::PinPepper);
}
// The pepper of the key file a `briefing` run created or used (e.g. XDG_CONFIG_HOME/briefing-kiosk/secret.key).
inline kiosk::config::PurposeKey pepperFromFile(const std::filesystem::path& keyFile) {
    const auto loaded =
        kiosk::config::loadSecretFile(keyFile, "test", true, {}, kiosk::config::SecretCreation::Never);
    return kiosk::config::deriveKey(loaded.key, kiosk::config::KeyPurpose::PinPepper);
}

inline std::unique_ptr<kiosk::records::Store> openStore(const std::filesystem::path& dataDir) {
    kiosk::records::OpenOptions o;
    o.kioskId = "test";
    return std::move(kiosk::records::Store::open(dataDir, o).store);
}

}  // namespace officer_test
