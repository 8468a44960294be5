// Parsing of one module file (TOML front matter + CommonMark with GitHub tables, via libcmark-gfm) into
// the document model. Layer: content. Pure: no global state beyond cmark's one-time extension registry.
#pragma once

#include "content/diagnostic.hpp"
#include "content/document.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// Largest module file we agree to read; a module is a few KB, anything near this is a mistake.
inline constexpr std::uintmax_t kMaxModuleBytes = 1024 * 1024;

// Most `|` characters on one line: cmark-gfm's table extension slows down sharply with many columns, and no
// table a candidate can read has more than a handful.
inline constexpr int kMaxPipesPerLine = 64;

// A knowledge check offers this many options (three plausible ones at least, so it cannot be passed by
// elimination).
inline constexpr std::size_t kMinCheckOptions = 3;
inline constexpr std::size_t kMaxCheckOptions = 4;

// Deepest nesting of inline formatting (emphasis in a link in strong ...) our tree walk follows.
inline constexpr int kMaxInlineDepth = 16;

struct ModuleParse {
    Module module;                        // best effort even when there are errors
    std::vector<Diagnostic> diagnostics;  // every problem found, each with file:line:col
    SourcePos idPos;                      // where the front matter's id is (for "id does not match" messages)
    bool ok() const;                      // true when no diagnostic is an error
};

// Parses module text. `file` is used only in messages and Module::file; `lang` becomes Module::lang.
// Never throws on bad input (invalid UTF-8, NUL bytes, huge nesting): problems become diagnostics.
// Placeholders are checked (unknown ones are errors) but left unresolved: see placeholders.hpp.
ModuleParse parseModule(std::string_view bytes, const std::string& file, const std::string& lang);

// Reads and parses a module file, refusing non-regular files and files over kMaxModuleBytes before
// reading them. Throws only std::bad_alloc.
ModuleParse loadModuleFile(const std::filesystem::path& file, const std::string& lang);

}  // namespace content
