// Replays a fuzz corpus (tests/fuzz/corpus/<name>) in an ordinary test run: every file goes through a
// check that names its problem, if any. Layer: tests/hardening.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace hardening {

// Feeds each file's bytes to `check` (returns an optional problem); each problem fails the test with the
// file's path. Returns how many files were read.
template <class Check>
int replayCorpus(const std::string& name, Check check) {
    namespace fs = std::filesystem;
    const fs::path corpus = fs::path(BK_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / name;
    REQUIRE(fs::is_directory(corpus));
    int files = 0;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO(entry.path().string());
        const auto problem = check(bytes);
        CHECK_FALSE(problem);
        if (problem) WARN(*problem);
        ++files;
    }
    return files;
}

}  // namespace hardening
