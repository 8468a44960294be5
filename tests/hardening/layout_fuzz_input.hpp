// Turns fuzzer bytes into a call of the pack's text layout (print's PdfWriter::measure and wrap) or a whole
// pack render with that text as the candidate's name, and checks what came back. Shared by
// tests/fuzz/fuzz_pack_layout.cpp and the corpus replay test (layout_corpus.cpp). Layer: tests/hardening.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hardening {

// Input: byte 0 selects the mode (0-6 wrap, 7 render a pack) and the first run's face; bytes 1-2 the
// width in points (0.25 steps up to ~16,000); byte 3 the size (3-66 pt); the rest is text, split into
// runs of alternating faces at 0x1F. Invalid UTF-8 is repaired and control characters removed first, as
// every caller of print sanitises its text.
// Returns the broken promise, or nullopt. A PackError (text too long to measure, a name the pack refuses)
// is an accepted outcome when its message is valid UTF-8.
std::optional<std::string> checkPackLayout(std::string_view bytes);

}  // namespace hardening
