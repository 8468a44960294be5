// libFuzzer target for the CSV export (kiosk::records::rosterCsv / csvCell): any roster must give valid
// RFC 4180 whose cells decode to the neutralised values and never start with a formula character.
// Built only with clang and -DBK_FUZZ=ON (see tests/fuzz/CMakeLists.txt). Layer: tests/fuzz.
#include "csv_fuzz_input.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256 * 1024) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto problem = hardening::checkCsvExport(bytes)) {
        std::fprintf(stderr, "CSV export check failed: %s\n", problem->c_str());
        std::abort();
    }
    return 0;
}
