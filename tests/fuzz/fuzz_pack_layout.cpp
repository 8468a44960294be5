// libFuzzer target for the pack's text layout (print's PdfWriter::measure and wrap: arbitrary UTF-8 at
// arbitrary widths and sizes, in runs of mixed faces) and for a whole pack rendered with a fuzzed name.
// Built only with clang and -DBK_FUZZ=ON (see tests/fuzz/CMakeLists.txt). Layer: tests/fuzz.
#include "layout_fuzz_input.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto problem = hardening::checkPackLayout(bytes)) {
        std::fprintf(stderr, "pack layout check failed: %s\n", problem->c_str());
        std::abort();
    }
    return 0;
}
