// libFuzzer target for the module parser (content::parseModule): any bytes must give diagnostics, never a
// crash, hang or sanitizer report. Built only with clang and -DBK_FUZZ=ON (see tests/fuzz/CMakeLists.txt).
#include "content/module_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > content::kMaxModuleBytes) return 0;  // the file loader refuses these before parsing
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto result = content::parseModule(bytes, "fuzz.md", "en-GB");
    for (const auto& d : result.diagnostics) (void)d.format();
    return 0;
}
