// The pack's fixed labels in English and Welsh, loaded from print/strings/pack.toml. Layer: print (internal).
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace print {

struct PackStrings {
    std::map<std::string, std::string> en;
    std::map<std::string, std::string> cy;
};

// Throws content::LoadError naming the file when it is unreadable, and PackError when a key is missing
// from one language or is not a string.
PackStrings loadPackStrings(const std::filesystem::path& file);

}  // namespace print
