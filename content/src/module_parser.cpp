// Module files: hostile-input checks (size, NUL bytes, UTF-8, controls), TOML front matter between +++
// lines, placeholder names, then the Markdown body through libcmark-gfm. Layer: content.
#include "content/module_parser.hpp"
#include "module_internal.hpp"

#include "content/placeholders.hpp"
#include "content/text.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace content {
namespace detail {

// Past this many problems in one file the rest are noise (a binary or garbled file): say so and stop.
constexpr std::size_t kMaxDiagnosticsPerFile = 100;

Reporter::Reporter(std::string file, std::string_view source, std::vector<Diagnostic>& out)
    : m_file(std::move(file)), m_out(out) {
    std::size_t start = 0;
    while (start <= source.size()) {
        auto end = source.find('\n', start);
        if (end == std::string_view::npos) end = source.size();
        m_lines.push_back(source.substr(start, end - start));
        if (end == source.size()) break;
        start = end + 1;
    }
}

SourcePos Reporter::pos(int line, int byteCol) const {
    if (line < 1 || static_cast<std::size_t>(line) > m_lines.size() || byteCol < 1) return {line, byteCol};
    const std::string_view text = m_lines[static_cast<std::size_t>(line) - 1];
    const std::size_t bytes = std::min(text.size(), static_cast<std::size_t>(byteCol - 1));
    return {line, static_cast<int>(text::codePointCount(text.substr(0, bytes))) + 1};
}

void Reporter::error(int line, int byteCol, std::string message) {
    const std::size_t mine = static_cast<std::size_t>(
        std::count_if(m_out.begin(), m_out.end(), [this](const Diagnostic& d) { return d.file == m_file; }));
    if (mine > kMaxDiagnosticsPerFile) return;
    if (mine == kMaxDiagnosticsPerFile) {
        m_out.push_back({m_file, 0, 0, "too many problems in this file; fix the ones above first"});
        return;
    }
    const SourcePos p = pos(line, byteCol);
    m_out.push_back({m_file, p.line, p.col, std::move(message)});
}

void Reporter::warning(int line, int byteCol, std::string message) {
    const SourcePos p = pos(line, byteCol);
    m_out.push_back({m_file, p.line, p.col, std::move(message), Severity::Warning});
}

}  // namespace detail

namespace {

using detail::Reporter;

std::string_view lineAt(std::string_view s, std::size_t start, std::size_t& next) {
    auto end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    next = end + 1;
    std::string_view line = s.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    return line;
}

// Byte offset -> 1-based line and byte column.
void lineColOf(std::string_view s, std::size_t offset, int& line, int& col) {
    line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    col = static_cast<int>(offset - lineStart) + 1;
}

bool checkBytes(std::string_view bytes, const std::string& file, std::vector<Diagnostic>& out) {
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.push_back({file, 0, 0, "file is empty: a module needs +++ front matter and some text"});
        return false;
    }
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        int line = 0;
        int col = 0;
        lineColOf(bytes, nul, line, col);
        out.push_back({file, line, col, "binary file (contains a NUL byte): a module must be UTF-8 text"});
        return false;
    }
    if (const auto bad = text::firstInvalidUtf8(bytes)) {
        int line = 0;
        int col = 0;
        lineColOf(bytes, *bad, line, col);
        const std::string_view before = bytes.substr(*bad - static_cast<std::size_t>(col - 1), static_cast<std::size_t>(col - 1));
        col = static_cast<int>(text::codePointCount(before)) + 1;
        out.push_back({file, line, col, "invalid UTF-8: save the file as UTF-8"});
        return false;
    }
    return true;
}

// Control characters other than tab and line ends cannot be shown or printed.
void checkControls(std::string_view source, Reporter& rep) {
    int line = 1;
    std::size_t lineStart = 0;
    std::size_t i = 0;
    while (i < source.size()) {
        const auto c = static_cast<unsigned char>(source[i]);
        if (c == '\n') {
            ++line;
            lineStart = i + 1;
        } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F ||
                   (c == 0xC2 && i + 1 < source.size() && static_cast<unsigned char>(source[i + 1]) < 0xA0)) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%02X", c == 0xC2 ? static_cast<unsigned char>(source[i + 1]) : c);
            rep.error(line, static_cast<int>(i - lineStart) + 1, std::string("control character U+00") + hex +
                                                                     " is not allowed in module text");
        }
        ++i;
    }
}

void checkPlaceholders(std::string_view source, Reporter& rep) {
    std::size_t start = 0;
    int line = 1;
    while (start < source.size()) {
        auto end = source.find('\n', start);
        if (end == std::string_view::npos) end = source.size();
        const std::string_view text = source.substr(start, end - start);
        for (const auto& ref : findPlaceholders(text)) {
            const int col = static_cast<int>(ref.offset) + 1;
            if (!ref.closed) rep.error(line, col, "'{{' without a closing '}}' on the same line");
            else if (!isKnownPlaceholder(ref.name))
                rep.error(line, col, "unknown placeholder '{{" + ref.name + "}}' (see the list in course/README.md)");
        }
        start = end + 1;
        ++line;
    }
}

// Guards cmark-gfm's table extension against lines with thousands of cells (slow, and never a real table).
bool checkTableWidth(std::string_view body, int lineOffset, Reporter& rep) {
    int line = lineOffset + 1;
    int pipes = 0;
    for (char c : body) {
        if (c == '\n') {
            ++line;
            pipes = 0;
        } else if (c == '|' && ++pipes == kMaxPipesPerLine + 1) {
            rep.error(line, 1, "line has more than " + std::to_string(kMaxPipesPerLine) +
                                   " '|' characters: a table may have at most " + std::to_string(kMaxPipesPerLine - 1) +
                                   " columns; the rest of the file was not read");
            return false;
        }
    }
    return true;
}

void readFrontMatter(std::string_view text, int firstLine, ModuleParse& parse, Reporter& rep) {
    Module& m = parse.module;
    toml::table fm;
    try {
        fm = toml::parse(text, rep.file());
    } catch (const toml::parse_error& e) {
        const auto& src = e.source();
        rep.error(static_cast<int>(src.begin.line) + firstLine - 1, static_cast<int>(src.begin.column),
                  "front matter: " + std::string(e.description()));
        return;
    }
    const auto at = [&](const toml::node& n) {
        return std::pair{static_cast<int>(n.source().begin.line) + firstLine - 1,
                         static_cast<int>(n.source().begin.column)};
    };
    bool seenId = false;
    bool seenTitle = false;
    bool seenSummary = false;
    for (const auto& [key, value] : fm) {
        const auto [line, col] = at(value);
        const std::string k(key.str());
        const int keyLine = static_cast<int>(key.source().begin.line) + firstLine - 1;
        const int keyCol = static_cast<int>(key.source().begin.column);
        if (k == "id" || k == "title" || k == "summary") {
            const auto* s = value.as_string();
            if (!s || s->get().empty()) {
                rep.error(line, col, "front matter: '" + k + "' must be a non-empty string");
                continue;
            }
            if (k == "id") {
                m.id = s->get();
                parse.idPos = rep.pos(line, col);
                seenId = true;
                if (!detail::isValidId(m.id)) rep.error(line, col, "front matter: id may use only a-z, 0-9 and '-'");
            } else if (k == "title") {
                m.title = s->get();
                seenTitle = true;
            } else {
                m.summary = s->get();
                seenSummary = true;
            }
        } else if (k == "sources") {
            const auto* arr = value.as_array();
            bool ok = arr && !arr->empty();
            if (arr)
                for (const auto& item : *arr) {
                    const auto* id = item.as_string();
                    if (!id || id->get().empty()) {
                        ok = false;
                        continue;
                    }
                    m.sources.push_back(id->get());
                }
            if (!ok)
                rep.error(line, col,
                          "front matter: 'sources' must be a non-empty list of source ids from the course's sources.toml");
        } else if (k == "minutes") {
            const auto* v = value.as_integer();
            if (!v || v->get() < 1 || v->get() > 120) rep.error(line, col, "front matter: 'minutes' must be a whole number from 1 to 120");
            else m.minutes = static_cast<int>(v->get());
        } else {
            rep.error(keyLine, keyCol, "front matter: unknown key '" + k + "' (use id, title, summary, sources, minutes)");
        }
    }
    if (!seenId) rep.error(firstLine - 1, 1, "front matter: missing required key 'id'");
    if (!seenTitle) rep.error(firstLine - 1, 1, "front matter: missing required key 'title'");
    if (!seenSummary) rep.error(firstLine - 1, 1, "front matter: missing required key 'summary'");
}

void checkUniqueIds(const Module& m, Reporter& rep) {
    std::set<std::string, std::less<>> ids;
    for (const auto& b : m.blocks) {
        const std::string* id = nullptr;
        const SourcePos* p = nullptr;
        if (const auto* c = std::get_if<KnowledgeCheck>(&b)) id = &c->id, p = &c->pos;
        else if (const auto* s = std::get_if<Scenario>(&b)) id = &s->id, p = &s->pos;
        if (!id || id->empty()) continue;
        // p is already a code-point column; the fence starts at a column with ASCII before it in practice.
        if (!ids.insert(*id).second) rep.error(p->line, p->col, "duplicate check or scenario id '" + *id + "' in this module");
    }
}

}  // namespace

bool ModuleParse::ok() const {
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

ModuleParse parseModule(std::string_view bytes, const std::string& file, const std::string& lang) {
    ModuleParse result;
    result.module.file = file;
    result.module.lang = lang;
    if (!checkBytes(bytes, file, result.diagnostics)) return result;

    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.remove_prefix(3);  // a byte order mark some editors add
    const std::string source = text::toNfc(bytes);
    Reporter rep(file, source, result.diagnostics);
    checkControls(source, rep);
    checkPlaceholders(source, rep);

    std::size_t next = 0;
    if (lineAt(source, 0, next) != "+++") {
        rep.error(1, 1, "a module must start with a +++ line, then its front matter (id, title, summary, minutes)");
        return result;
    }
    const std::size_t fmStart = next;
    int line = 2;
    std::size_t pos = fmStart;
    std::size_t fmEnd = std::string::npos;
    while (pos < source.size()) {
        const std::size_t here = pos;
        if (lineAt(source, pos, next) == "+++") {
            fmEnd = here;
            break;
        }
        pos = next;
        ++line;
    }
    if (fmEnd == std::string::npos) {
        rep.error(1, 1, "front matter is not closed: add a +++ line after it");
        return result;
    }
    readFrontMatter(std::string_view(source).substr(fmStart, fmEnd - fmStart), 2, result, rep);

    const std::size_t bodyStart = std::min(next, source.size());
    if (!checkTableWidth(std::string_view(source).substr(bodyStart), line, rep)) return result;
    const detail::CmarkNode doc = detail::parseMarkdown(std::string_view(source).substr(bodyStart), true);
    result.module.blocks = detail::convertBody(doc.get(), rep, line);
    if (result.module.blocks.empty()) rep.error(line, 1, "module has no text after its front matter");
    checkUniqueIds(result.module, rep);
    return result;
}

ModuleParse loadModuleFile(const std::filesystem::path& file, const std::string& lang) {
    ModuleParse result;
    result.module.file = file.string();
    result.module.lang = lang;
    const auto fail = [&](std::string message) {
        result.diagnostics.push_back({file.string(), 0, 0, std::move(message)});
        return result;
    };
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status)) return fail("file not found");
    if (!std::filesystem::is_regular_file(status)) return fail("not a regular file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail("cannot read file: " + ec.message());
    if (size > kMaxModuleBytes)
        return fail("file is too large (" + std::to_string(size) + " bytes; a module may be at most " +
                    std::to_string(kMaxModuleBytes) + " bytes)");
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("cannot open file");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return parseModule(bytes, file.string(), lang);
}

}  // namespace content
