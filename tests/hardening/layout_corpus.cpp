// The pack text-layout fuzz corpus (tests/fuzz/corpus/layout) replayed in every build, with the same
// checks as tests/fuzz/fuzz_pack_layout.cpp. Layer: tests/hardening.
#include "layout_fuzz_input.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

TEST_CASE("every file of the pack-layout fuzz corpus wraps, measures and renders as promised", "[print]") {
    const fs::path corpus = fs::path(BK_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "layout";
    REQUIRE(fs::is_directory(corpus));
    int files = 0;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO(entry.path().string());
        const auto problem = hardening::checkPackLayout(bytes);
        CHECK_FALSE(problem);
        if (problem) WARN(*problem);
        ++files;
    }
    CHECK(files >= 10);
}

TEST_CASE("the layout check skips short inputs and passes a plain name", "[print]") {
    CHECK_FALSE(hardening::checkPackLayout("ab"));
    CHECK_FALSE(hardening::checkPackLayout(std::string("\x00\x02\x00\x07", 4) + "Gwenllian ap Rhys"));
}
