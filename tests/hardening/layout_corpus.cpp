// The pack text-layout fuzz corpus (tests/fuzz/corpus/layout) replayed in every build, with the same
// checks as tests/fuzz/fuzz_pack_layout.cpp. Layer: tests/hardening.
#include "corpus_replay.hpp"
#include "layout_fuzz_input.hpp"

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("every file of the pack-layout fuzz corpus wraps, measures and renders as promised", "[print]") {
    const int files = hardening::replayCorpus("layout", [](const std::string& bytes) { return hardening::checkPackLayout(bytes); });
    CHECK(files >= 10);
}

TEST_CASE("the layout check skips short inputs and passes a plain name", "[print]") {
    CHECK_FALSE(hardening::checkPackLayout("ab"));
    CHECK_FALSE(hardening::checkPackLayout(std::string("\x00\x02\x00\x07", 4) + "Gwenllian ap Rhys"));
}
