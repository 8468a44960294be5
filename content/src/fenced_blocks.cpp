// The two extensions to Markdown inside fenced blocks: ```check id=...``` (knowledge check) and
// ```scenario id=...``` ("Is this a crime?"), each a list of `keyword: text` lines. Layer: content.
#include "module_internal.hpp"

#include "content/module_parser.hpp"

#include <algorithm>
#include <map>

namespace content::detail {
namespace {

struct Line {
    std::string keyword;
    std::string value;
    int line = 0;
    int col = 0;  // byte column of the keyword
};

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

// Inline Markdown of one value. A leading "a " keeps cmark from reading "1. x", "- x" or "# x" as a
// block; it is removed from the first span afterwards.
Inlines inlineText(std::string_view value, int line, int col, Reporter& rep) {
    std::string text = "a ";
    text += value;
    const CmarkNode doc = parseMarkdown(text, false);
    Inlines out;
    cmark_node* para = cmark_node_first_child(doc.get());
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return out;
    // cmark reports the inline positions on line 1 of this tiny document: map them onto the keyword line.
    std::vector<Diagnostic> inner;
    Reporter innerRep(rep.file(), text, inner);
    convertInlines(para, out, innerRep, 0);
    for (auto& d : inner) rep.error(line, col, d.message);
    if (!out.empty() && out.front().text.rfind("a ", 0) == 0) {
        out.front().text.erase(0, 2);
        if (out.front().text.empty()) out.erase(out.begin());
    }
    return out;
}

std::vector<Line> splitLines(std::string_view literal, int firstLine, int col, Reporter& rep) {
    std::vector<Line> lines;
    int lineNo = firstLine;
    std::size_t start = 0;
    while (start <= literal.size()) {
        auto end = literal.find('\n', start);
        if (end == std::string_view::npos) end = literal.size();
        const std::string_view raw = literal.substr(start, end - start);
        const std::string_view body = trim(raw);
        if (!body.empty()) {
            const int keyCol = col + static_cast<int>(raw.find_first_not_of(" \t"));
            const auto colon = body.find(':');
            const std::string_view key = colon == std::string_view::npos ? std::string_view() : trim(body.substr(0, colon));
            if (colon == std::string_view::npos || key.empty() || key.find(' ') != std::string_view::npos) {
                rep.error(lineNo, keyCol, "each line must start with a keyword and a colon, e.g. 'question: ...'");
            } else {
                lines.push_back({std::string(key), std::string(trim(body.substr(colon + 1))), lineNo, keyCol});
            }
        }
        if (end == literal.size()) break;
        start = end + 1;
        ++lineNo;
    }
    return lines;
}

Block parseCheck(const std::string& id, const std::vector<Line>& lines, SourcePos pos, Reporter& rep) {
    KnowledgeCheck check;
    check.id = id;
    check.pos = pos;
    int questions = 0;
    int corrects = 0;
    std::vector<int> feedbackLine;  // per option: the line of its feedback, 0 when it has none
    for (const auto& l : lines) {
        if (l.value.empty()) {
            rep.error(l.line, l.col, "'" + l.keyword + ":' has no text");
            continue;
        }
        Inlines text = inlineText(l.value, l.line, l.col, rep);
        if (l.keyword == "question") {
            if (++questions > 1) rep.error(l.line, l.col, "knowledge check '" + id + "' has more than one question:");
            else check.question = std::move(text);
        } else if (l.keyword == "option" || l.keyword == "correct") {
            if (l.keyword == "correct") {
                if (++corrects > 1) {
                    rep.error(l.line, l.col, "knowledge check '" + id + "' has more than one correct: option");
                } else {
                    check.correct = static_cast<int>(check.options.size());
                }
            }
            check.options.push_back(std::move(text));
            check.feedback.emplace_back();
            feedbackLine.push_back(0);
        } else if (l.keyword == "feedback") {
            if (check.options.empty()) {
                rep.error(l.line, l.col, "'feedback:' must follow the option it explains");
            } else if (feedbackLine.back() != 0) {
                rep.error(l.line, l.col, "option " + std::to_string(check.options.size()) + " of knowledge check '" +
                                             id + "' already has feedback (line " + std::to_string(feedbackLine.back()) +
                                             ")");
            } else {
                check.feedback.back() = std::move(text);
                feedbackLine.back() = l.line;
            }
        } else if (l.keyword == "explain") {
            check.explanation.push_back(std::move(text));
        } else {
            rep.error(l.line, l.col,
                      "unknown keyword '" + l.keyword +
                          ":' in a knowledge check (use question, option, correct, feedback, explain)");
        }
    }
    if (questions == 0) rep.error(pos.line, pos.col, "knowledge check '" + id + "' has no question:");
    if (check.options.size() < kMinCheckOptions || check.options.size() > kMaxCheckOptions)
        rep.error(pos.line, pos.col, "knowledge check '" + id + "' needs " + std::to_string(kMinCheckOptions) + " to " +
                                         std::to_string(kMaxCheckOptions) + " options, has " +
                                         std::to_string(check.options.size()));
    if (corrects == 0) rep.error(pos.line, pos.col, "knowledge check '" + id + "' has no correct: option");
    if (check.explanation.empty()) rep.error(pos.line, pos.col, "knowledge check '" + id + "' has no explain: line");
    for (std::size_t i = 0; corrects > 0 && i < check.options.size(); ++i)
        if (static_cast<int>(i) != check.correct && check.feedback[i].empty())
            rep.error(pos.line, pos.col, "knowledge check '" + id + "': wrong option " + std::to_string(i + 1) +
                                             " has no feedback: line saying why it is wrong");
    return Block{std::move(check)};
}

Block parseScenario(const std::string& id, const std::vector<Line>& lines, SourcePos pos, Reporter& rep) {
    Scenario sc;
    sc.id = id;
    sc.pos = pos;
    std::map<std::string, int> seen;
    for (const auto& l : lines) {
        if (l.value.empty()) {
            rep.error(l.line, l.col, "'" + l.keyword + ":' has no text");
            continue;
        }
        const int count = ++seen[l.keyword];
        const bool once = l.keyword == "situation" || l.keyword == "verdict" || l.keyword == "law";
        if (once && count > 1) {
            rep.error(l.line, l.col, "scenario '" + id + "' has more than one " + l.keyword + ":");
            continue;
        }
        if (l.keyword == "verdict") {
            if (l.value == "crime") sc.verdict = Verdict::Crime;
            else if (l.value == "not-crime") sc.verdict = Verdict::NotCrime;
            else if (l.value == "depends") sc.verdict = Verdict::Depends;
            else rep.error(l.line, l.col, "verdict must be crime, not-crime or depends, not '" + l.value + "'");
            continue;
        }
        Inlines text = inlineText(l.value, l.line, l.col, rep);
        if (l.keyword == "situation") sc.situation = std::move(text);
        else if (l.keyword == "explain") sc.explanation.push_back(std::move(text));
        else if (l.keyword == "law") sc.law = std::move(text);
        else
            rep.error(l.line, l.col,
                      "unknown keyword '" + l.keyword + ":' in a scenario (use situation, verdict, explain, law)");
    }
    for (const char* key : {"situation", "verdict", "law"})
        if (!seen.contains(key)) rep.error(pos.line, pos.col, "scenario '" + id + "' has no " + key + ":");
    if (!seen.contains("explain")) rep.error(pos.line, pos.col, "scenario '" + id + "' has no explain: line");
    return Block{std::move(sc)};
}

}  // namespace

bool isValidId(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.front() == '-') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::optional<Block> parseFencedBlock(std::string_view info, std::string_view literal, SourcePos fencePos,
                                      int firstLine, int col, Reporter& rep) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < info.size()) {
        while (i < info.size() && (info[i] == ' ' || info[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < info.size() && info[j] != ' ' && info[j] != '\t') ++j;
        if (j > i) words.emplace_back(info.substr(i, j - i));
        i = j;
    }
    // The fence position came through Reporter::pos, so report against the raw line/column we were given.
    const int line = firstLine - 1;
    const std::string kind = words.empty() ? std::string() : words.front();
    if (kind != "check" && kind != "scenario") {
        rep.error(line, col, "unknown fenced block '" + kind +
                                 "': modules use only ```check id=... and ```scenario id=... fences");
        return std::nullopt;
    }
    std::string id;
    for (std::size_t w = 1; w < words.size(); ++w) {
        if (words[w].rfind("id=", 0) == 0 && id.empty()) {
            id = words[w].substr(3);
        } else {
            rep.error(line, col, "unexpected '" + words[w] + "' after ```" + kind + " (write ```" + kind + " id=...)");
        }
    }
    if (id.empty()) {
        rep.error(line, col, "```" + kind + " needs an id: ```" + kind + " id=some-id");
        return std::nullopt;
    }
    if (!isValidId(id)) {
        rep.error(line, col, "id '" + id + "' may use only a-z, 0-9 and '-'");
    }
    const auto lines = splitLines(literal, firstLine, col, rep);
    Block b = kind == "check" ? parseCheck(id, lines, fencePos, rep) : parseScenario(id, lines, fencePos, rep);
    return b;
}

}  // namespace content::detail
