// Turns a libcmark-gfm syntax tree into the document model's blocks and spans. Layer: content.
// The walk is flat where Markdown nests (a list item or callout holds paragraphs, not further blocks) and
// the inline walk stops at kMaxInlineDepth, so hostile nesting cannot exhaust the stack.
#include "content/module_parser.hpp"
#include "module_internal.hpp"

#include "content/text.hpp"

#include <cmark-gfm-core-extensions.h>

#include <cstring>
#include <mutex>

namespace content::detail {
namespace {

std::once_flag gExtensionsRegistered;

std::string_view literalOf(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? std::string_view(s) : std::string_view();
}

std::string_view typeName(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? std::string_view(s) : std::string_view();
}

int lineOf(cmark_node* n, int lineOffset) { return cmark_node_get_start_line(n) + lineOffset; }

void walkInlines(cmark_node* parent, Inlines& out, Reporter& rep, int lineOffset, bool emphasis, bool strong,
                 const std::string& link, int depth, bool& tooDeep);

// Converts one inline node (and what it contains) into spans.
void convertNode(cmark_node* n, Inlines& out, Reporter& rep, int lineOffset, bool emphasis, bool strong,
                 const std::string& link, int depth, bool& tooDeep) {
    switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: appendSpan(out, literalOf(n), emphasis, strong, link); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: appendSpan(out, " ", emphasis, strong, link); break;
        case CMARK_NODE_EMPH: walkInlines(n, out, rep, lineOffset, true, strong, link, depth + 1, tooDeep); break;
        case CMARK_NODE_STRONG: walkInlines(n, out, rep, lineOffset, emphasis, true, link, depth + 1, tooDeep); break;
        case CMARK_NODE_LINK: {
            const char* url = cmark_node_get_url(n);
            const std::string target = url ? url : "";
            if (target.empty()) rep.error(lineOf(n, lineOffset), cmark_node_get_start_column(n), "link has no address");
            walkInlines(n, out, rep, lineOffset, emphasis, strong, target, depth + 1, tooDeep);
            break;
        }
        case CMARK_NODE_IMAGE:
            rep.error(lineOf(n, lineOffset), cmark_node_get_start_column(n), "images are not supported in modules");
            break;
        case CMARK_NODE_HTML_INLINE:
            rep.error(lineOf(n, lineOffset), cmark_node_get_start_column(n),
                      "raw HTML is not allowed in modules: '" + std::string(literalOf(n)) + "'");
            break;
        default:
            rep.error(lineOf(n, lineOffset), cmark_node_get_start_column(n),
                      "unsupported inline element '" + std::string(typeName(n)) + "'");
            break;
    }
}

void walkInlines(cmark_node* parent, Inlines& out, Reporter& rep, int lineOffset, bool emphasis, bool strong,
                 const std::string& link, int depth, bool& tooDeep) {
    if (depth > kMaxInlineDepth) {
        if (!tooDeep)
            rep.error(lineOf(parent, lineOffset), cmark_node_get_start_column(parent),
                      "inline formatting is nested more than " + std::to_string(kMaxInlineDepth) + " levels deep");
        tooDeep = true;
        return;
    }
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
        convertNode(n, out, rep, lineOffset, emphasis, strong, link, depth, tooDeep);
}

// The inlines of a paragraph that must be the only child of `container` (a list item or table cell may
// also be empty).
bool singleParagraph(cmark_node* container, Inlines& out, Reporter& rep, int lineOffset, const char* what) {
    bool ok = true;
    for (cmark_node* c = cmark_node_first_child(container); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && out.empty()) {
            convertInlines(c, out, rep, lineOffset);
        } else if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
            rep.error(lineOf(c, lineOffset), cmark_node_get_start_column(c),
                      std::string(what) + " may hold only one paragraph");
            ok = false;
        } else {
            rep.error(lineOf(c, lineOffset), cmark_node_get_start_column(c),
                      std::string(what) + " may hold only text, not a " + std::string(typeName(c)));
            ok = false;
        }
    }
    return ok;
}

// Splits the spans of a callout's first paragraph at its first line break: the marker line is the title,
// the rest (if any) the first paragraph of the body.
void splitFirstLine(cmark_node* para, Inlines& title, Inlines& rest, Reporter& rep, int lineOffset) {
    Inlines* target = &title;
    for (cmark_node* n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
        const auto type = cmark_node_get_type(n);
        if (target == &title && (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)) {
            target = &rest;
            continue;
        }
        Inlines piece;
        bool tooDeep = false;
        convertNode(n, piece, rep, lineOffset, false, false, "", 0, tooDeep);
        for (const auto& s : piece) appendSpan(*target, s.text, s.emphasis, s.strong, s.link);
    }
}

void trimFront(Inlines& spans) {
    while (!spans.empty()) {
        auto& t = spans.front().text;
        const auto start = t.find_first_not_of(" \t");
        if (start == std::string::npos) {
            spans.erase(spans.begin());
            continue;
        }
        t.erase(0, start);
        return;
    }
}

void trimBack(Inlines& spans) {
    while (!spans.empty()) {
        auto& t = spans.back().text;
        const auto end = t.find_last_not_of(" \t");
        if (end == std::string::npos) {
            spans.pop_back();
            continue;
        }
        t.erase(end + 1);
        return;
    }
}

std::optional<Block> convertCallout(cmark_node* quote, Reporter& rep, int lineOffset) {
    const int line = lineOf(quote, lineOffset);
    const int col = cmark_node_get_start_column(quote);
    cmark_node* first = cmark_node_first_child(quote);
    if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH) {
        rep.error(line, col, "a block quote must be a callout starting with [!EMERGENCY], [!IMPORTANT] or [!TIP]");
        return std::nullopt;
    }
    Callout callout;
    callout.pos = rep.pos(line, col);
    Inlines rest;
    splitFirstLine(first, callout.title, rest, rep, lineOffset);
    const std::string head = callout.title.empty() ? std::string() : callout.title.front().text;
    struct Marker {
        const char* text;
        CalloutKind kind;
    };
    static constexpr Marker kMarkers[] = {{"[!EMERGENCY]", CalloutKind::Emergency},
                                          {"[!IMPORTANT]", CalloutKind::Important},
                                          {"[!TIP]", CalloutKind::Tip}};
    bool found = false;
    for (const auto& m : kMarkers) {
        if (head.rfind(m.text, 0) == 0 && !callout.title.front().emphasis && !callout.title.front().strong &&
            callout.title.front().link.empty()) {
            callout.kind = m.kind;
            callout.title.front().text.erase(0, std::strlen(m.text));
            found = true;
            break;
        }
    }
    if (!found) {
        if (head.rfind("[!", 0) == 0)
            rep.error(line, col, "unknown callout kind: use [!EMERGENCY], [!IMPORTANT] or [!TIP]");
        else
            rep.error(line, col,
                      "a block quote must be a callout starting with [!EMERGENCY], [!IMPORTANT] or [!TIP]");
        return std::nullopt;
    }
    trimFront(callout.title);
    trimBack(callout.title);
    if (callout.title.empty()) rep.error(line, col, "callout has no title after its [!KIND] marker");
    trimFront(rest);
    if (!rest.empty()) callout.paragraphs.push_back(std::move(rest));
    for (cmark_node* c = cmark_node_next(first); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
            rep.error(lineOf(c, lineOffset), cmark_node_get_start_column(c),
                      "a callout may hold only paragraphs, not a " + std::string(typeName(c)));
            continue;
        }
        Inlines para;
        convertInlines(c, para, rep, lineOffset);
        callout.paragraphs.push_back(std::move(para));
    }
    return Block{std::move(callout)};
}

std::optional<Block> convertList(cmark_node* list, Reporter& rep, int lineOffset) {
    List out;
    out.ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    out.pos = rep.pos(lineOf(list, lineOffset), cmark_node_get_start_column(list));
    for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        Inlines text;
        singleParagraph(item, text, rep, lineOffset, "a list item");
        if (text.empty())
            rep.error(lineOf(item, lineOffset), cmark_node_get_start_column(item), "empty list item");
        out.items.push_back(std::move(text));
    }
    return Block{std::move(out)};
}

std::optional<Block> convertTable(cmark_node* table, Reporter& rep, int lineOffset) {
    Table out;
    out.pos = rep.pos(lineOf(table, lineOffset), cmark_node_get_start_column(table));
    bool first = true;
    for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        std::vector<Inlines> cells;
        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
            Inlines text;
            convertInlines(cell, text, rep, lineOffset);
            cells.push_back(std::move(text));
        }
        if (first) out.header = std::move(cells);
        else out.rows.push_back(std::move(cells));
        first = false;
    }
    return Block{std::move(out)};
}

}  // namespace

CmarkNode parseMarkdown(std::string_view text, bool withTables) {
    std::call_once(gExtensionsRegistered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    CmarkParser parser(cmark_parser_new(CMARK_OPT_DEFAULT));
    if (!parser) throw std::bad_alloc();
    if (withTables) {
        if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
            cmark_parser_attach_syntax_extension(parser.get(), table);
    }
    cmark_parser_feed(parser.get(), text.data(), text.size());
    CmarkNode doc(cmark_parser_finish(parser.get()));
    if (!doc) throw std::bad_alloc();
    return doc;
}

void appendSpan(Inlines& out, std::string_view text, bool emphasis, bool strong, const std::string& link) {
    if (text.empty()) return;
    if (!out.empty() && out.back().emphasis == emphasis && out.back().strong == strong && out.back().link == link) {
        out.back().text += text;
        return;
    }
    out.push_back(Span{std::string(text), emphasis, strong, link});
}

void convertInlines(cmark_node* parent, Inlines& out, Reporter& rep, int lineOffset) {
    bool tooDeep = false;
    walkInlines(parent, out, rep, lineOffset, false, false, "", 0, tooDeep);
}

std::vector<Block> convertBody(cmark_node* document, Reporter& rep, int lineOffset) {
    std::vector<Block> blocks;
    for (cmark_node* n = cmark_node_first_child(document); n; n = cmark_node_next(n)) {
        const int line = lineOf(n, lineOffset);
        const int col = cmark_node_get_start_column(n);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HEADING: {
                const int level = cmark_node_get_heading_level(n);
                if (level < 2 || level > 3) {
                    rep.error(line, col, level == 1 ? "use ## or ### for headings: the title comes from the front matter"
                                                    : "headings inside a module use ## or ### only");
                }
                Heading h;
                h.level = level;
                h.pos = rep.pos(line, col);
                convertInlines(n, h.text, rep, lineOffset);
                if (h.text.empty()) rep.error(line, col, "empty heading");
                blocks.emplace_back(std::move(h));
                break;
            }
            case CMARK_NODE_PARAGRAPH: {
                Paragraph p;
                p.pos = rep.pos(line, col);
                convertInlines(n, p.text, rep, lineOffset);
                blocks.emplace_back(std::move(p));
                break;
            }
            case CMARK_NODE_LIST:
                if (auto b = convertList(n, rep, lineOffset)) blocks.push_back(std::move(*b));
                break;
            case CMARK_NODE_BLOCK_QUOTE:
                if (auto b = convertCallout(n, rep, lineOffset)) blocks.push_back(std::move(*b));
                break;
            case CMARK_NODE_CODE_BLOCK: {
                const char* info = cmark_node_get_fence_info(n);
                const std::string_view infoText = info ? info : "";
                int fenceLength = 0;
                int fenceOffset = 0;
                char fenceChar = 0;
                if (!cmark_node_get_fenced(n, &fenceLength, &fenceOffset, &fenceChar) || infoText.empty()) {
                    rep.error(line, col,
                              "code blocks are not used in modules; a knowledge check is a fence with "
                              "```check id=..., a scenario ```scenario id=...");
                    break;
                }
                // The literal starts on the line after the opening fence.
                if (auto b = parseFencedBlock(infoText, literalOf(n), rep.pos(line, col), line + 1, col, rep))
                    blocks.push_back(std::move(*b));
                break;
            }
            case CMARK_NODE_HTML_BLOCK: rep.error(line, col, "raw HTML is not allowed in modules"); break;
            case CMARK_NODE_THEMATIC_BREAK:
                rep.error(line, col, "horizontal rules are not supported in modules; use a ## heading");
                break;
            default:
                if (typeName(n) == "table") {
                    if (auto b = convertTable(n, rep, lineOffset)) blocks.push_back(std::move(*b));
                } else {
                    rep.error(line, col, "unsupported Markdown element '" + std::string(typeName(n)) + "'");
                }
                break;
        }
    }
    return blocks;
}

}  // namespace content::detail
