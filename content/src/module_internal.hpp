// Internal to the module parser: positions, the diagnostic sink and the cmark wrappers shared by
// module_parser.cpp, markdown_blocks.cpp and fenced_blocks.cpp. Layer: content (not installed).
#pragma once

#include "content/diagnostic.hpp"
#include "content/document.hpp"

#include <cmark-gfm.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content::detail {

struct CmarkNodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CmarkParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkParser = std::unique_ptr<cmark_parser, CmarkParserFree>;

// Parses Markdown with the GitHub table extension attached (or without any extension).
CmarkNode parseMarkdown(std::string_view text, bool withTables);

// Collects diagnostics for one file. Lines are file lines (1-based); columns given as byte offsets are
// turned into code-point columns, which is what editors show.
class Reporter {
public:
    Reporter(std::string file, std::string_view source, std::vector<Diagnostic>& out);

    void error(int line, int byteCol, std::string message);
    void warning(int line, int byteCol, std::string message);
    const std::string& file() const { return m_file; }
    SourcePos pos(int line, int byteCol) const;

private:
    std::string m_file;
    std::vector<std::string_view> m_lines;
    std::vector<Diagnostic>& m_out;
};

// Converts the inline children of `parent` into spans. `lineOffset` maps cmark lines to file lines.
void convertInlines(cmark_node* parent, Inlines& out, Reporter& rep, int lineOffset);

// Appends text to `out`, merging with the last span when the style is the same.
void appendSpan(Inlines& out, std::string_view text, bool emphasis, bool strong, const std::string& link);

// Walks the top-level blocks of a module body. `lineOffset` is the number of file lines before the body.
std::vector<Block> convertBody(cmark_node* document, Reporter& rep, int lineOffset);

// Parses the literal of a ```check``` or ```scenario``` fence. `info` is its info string; the literal's
// first line is file line `firstLine`, its text starts at byte column `col`.
std::optional<Block> parseFencedBlock(std::string_view info, std::string_view literal, SourcePos fencePos,
                                      int firstLine, int col, Reporter& rep);

// True for ids made of a-z, 0-9 and '-', starting with a letter or digit, at most 64 bytes.
bool isValidId(std::string_view id);

}  // namespace content::detail
