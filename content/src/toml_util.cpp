// TOML file reading with size and UTF-8 checks before toml++ sees the bytes. Layer: content.
#include "content/toml_util.hpp"

#include "content/diagnostic.hpp"
#include "content/text.hpp"

#include <fstream>
#include <sstream>

namespace content {

toml::table parseTomlFile(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw LoadError({{name, 0, 0, "cannot read file: " + ec.message()}});
    if (size > kMaxTomlBytes)
        throw LoadError({{name, 0, 0, "file is too large (" + std::to_string(size) + " bytes; limit " +
                                          std::to_string(kMaxTomlBytes) + ")"}});
    std::ifstream in(file, std::ios::binary);
    if (!in) throw LoadError({{name, 0, 0, "cannot open file"}});
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    if (auto bad = text::firstInvalidUtf8(bytes)) {
        int line = 1;
        int col = 1;
        for (std::size_t i = 0; i < *bad; ++i) {
            if (bytes[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        throw LoadError({{name, line, col, "invalid UTF-8"}});
    }
    try {
        return toml::parse(bytes, name);
    } catch (const toml::parse_error& e) {
        const auto& src = e.source();
        throw LoadError({{name, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                          std::string(e.description())}});
    }
}

}  // namespace content
