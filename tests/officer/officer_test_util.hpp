// Shared helpers of the officer tests: a temporary data folder, raw file bytes, a fixed clock.
// Layer: tests/officer.
#pragma once

#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace officer_test {

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "bk-officer-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path data() const { return m_path / "data"; }

private:
    std::filesystem::path m_path;
};

inline std::string readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
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

inline std::unique_ptr<kiosk::records::Store> openStore(const std::filesystem::path& dataDir) {
    kiosk::records::OpenOptions o;
    o.kioskId = "test";
    return std::move(kiosk::records::Store::open(dataDir, o).store);
}

}  // namespace officer_test
