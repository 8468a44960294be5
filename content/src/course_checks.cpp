// Cross-language checks (module structure, catalog keys) and course figures. Layer: content.
#include "course_internal.hpp"

#include <set>

#include "content/readability.hpp"
#include "content/text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace content {
namespace detail {
namespace {

const char* kindName(const Block& b) {
    constexpr const char* kNames[] = {"heading", "paragraph", "list", "callout", "table", "knowledge check", "scenario"};
    return kNames[b.index()];
}

SourcePos posOf(const Block& b) {
    return std::visit([](const auto& x) { return x.pos; }, b);
}

std::string where(const Module& m, const Block& b) {
    return m.file + ":" + std::to_string(posOf(b).line);
}

// Compares two blocks of the same kind; returns a description of the first difference, or "".
std::string blockDifference(const Block& a, const Block& b) {
    if (const auto* x = std::get_if<Heading>(&a)) {
        const auto& y = std::get<Heading>(b);
        if (x->level != y.level)
            return "heading level " + std::to_string(y.level) + " where the reference has level " + std::to_string(x->level);
    } else if (const auto* x = std::get_if<List>(&a)) {
        const auto& y = std::get<List>(b);
        if (x->ordered != y.ordered) return std::string("a ") + (y.ordered ? "numbered" : "bullet") + " list where the reference has a " +
                                            (x->ordered ? "numbered" : "bullet") + " list";
        if (x->items.size() != y.items.size())
            return "list has " + std::to_string(y.items.size()) + " items, the reference has " + std::to_string(x->items.size());
    } else if (const auto* x = std::get_if<Callout>(&a)) {
        const auto& y = std::get<Callout>(b);
        if (x->kind != y.kind) return "callout kind differs from the reference's";
    } else if (const auto* x = std::get_if<Table>(&a)) {
        const auto& y = std::get<Table>(b);
        if (x->header.size() != y.header.size() || x->rows.size() != y.rows.size())
            return "table is " + std::to_string(y.header.size()) + "x" + std::to_string(y.rows.size()) +
                   " (columns x rows), the reference's is " + std::to_string(x->header.size()) + "x" +
                   std::to_string(x->rows.size());
    } else if (const auto* x = std::get_if<KnowledgeCheck>(&a)) {
        const auto& y = std::get<KnowledgeCheck>(b);
        if (x->id != y.id) return "knowledge check id '" + y.id + "' where the reference has '" + x->id + "'";
        if (x->options.size() != y.options.size())
            return "knowledge check '" + y.id + "' has " + std::to_string(y.options.size()) + " options, the reference has " +
                   std::to_string(x->options.size());
        if (x->correct != y.correct)
            return "knowledge check '" + y.id + "': correct option is number " + std::to_string(y.correct + 1) +
                   ", in the reference number " + std::to_string(x->correct + 1);
    } else if (const auto* x = std::get_if<Scenario>(&a)) {
        const auto& y = std::get<Scenario>(b);
        if (x->id != y.id) return "scenario id '" + y.id + "' where the reference has '" + x->id + "'";
        if (x->verdict != y.verdict) return "scenario '" + y.id + "' has a different verdict from the reference";
    }
    return {};
}

}  // namespace

void compareStructure(const Module& reference, const Module& other, std::vector<Diagnostic>& out) {
    const auto& ra = reference.blocks;
    const auto& ob = other.blocks;
    const std::size_t common = std::min(ra.size(), ob.size());
    for (std::size_t i = 0; i < common; ++i) {
        const SourcePos p = posOf(ob[i]);
        if (ra[i].index() != ob[i].index()) {
            // Later blocks would all be reported as shifted: the first difference is the useful one.
            out.push_back({other.file, p.line, p.col,
                           std::string("structure differs from the reference language: a ") + kindName(ob[i]) +
                               " where " + where(reference, ra[i]) + " has a " + kindName(ra[i])});
            return;
        }
        if (auto diff = blockDifference(ra[i], ob[i]); !diff.empty())
            out.push_back({other.file, p.line, p.col, "structure differs from " + where(reference, ra[i]) + ": " + diff});
    }
    if (ra.size() != ob.size()) {
        const SourcePos p = ob.size() > common ? posOf(ob[common]) : (ob.empty() ? SourcePos{} : posOf(ob.back()));
        out.push_back({other.file, p.line, p.col,
                       "structure differs from the reference language: " + std::to_string(ob.size()) +
                           " blocks where " + reference.file + " has " + std::to_string(ra.size())});
    }
}

void compareCatalogs(const std::map<std::string, Catalog, std::less<>>& catalogs,
                     const std::map<std::string, std::string, std::less<>>& files, std::vector<Diagnostic>& out) {
    for (const auto& [lang, cat] : catalogs) {
        for (const auto& [otherLang, other] : catalogs) {
            if (otherLang == lang) continue;
            for (const auto& [key, value] : other.entries()) {
                if (!cat.has(key))
                    out.push_back({files.at(lang), 0, 0,
                                   "missing translation: key '" + key + "' is in " + files.at(otherLang) + " but not here"});
            }
        }
    }
}

namespace {

std::size_t lengthOf(const Inlines& spans) { return text::codePointCount(plainText(spans)); }

}  // namespace

double moduleReadingAge(const Module& module, const Sources& sources) {
    std::vector<std::string> texts;
    for (auto& t : moduleTexts(module)) texts.push_back(std::move(t.text));
    std::vector<std::string> laws;
    for (const auto& id : module.sources)
        if (auto it = sources.find(id); it != sources.end() && !it->second.law.empty()) laws.push_back(it->second.law);
    // Longest first, so "... (Scotland) Act 2010" is replaced before a shorter name inside it.
    std::sort(laws.begin(), laws.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return measureReadability(texts, laws).readingAge;
}

void checkReadingAge(const Module& module, const Sources& sources, std::vector<Diagnostic>& out) {
    const double age = moduleReadingAge(module, sources);
    if (age > kMaxReadingAge) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "reading age %.1f is above the target of %.0f: use shorter sentences and words",
                      age, kMaxReadingAge);
        out.push_back({module.file, 1, 1, buf, Severity::Warning});
    }
}

void checkCheckBalance(const Module& module, std::vector<Diagnostic>& out) {
    for (const auto& b : module.blocks) {
        const auto* k = std::get_if<KnowledgeCheck>(&b);
        if (!k || k->options.size() < 2 || k->correct < 0 || static_cast<std::size_t>(k->correct) >= k->options.size())
            continue;
        const std::size_t right = lengthOf(k->options[static_cast<std::size_t>(k->correct)]);
        std::size_t longestWrong = 0;
        for (std::size_t i = 0; i < k->options.size(); ++i)
            if (static_cast<int>(i) != k->correct) longestWrong = std::max(longestWrong, lengthOf(k->options[i]));
        // 1.5 times the longest wrong option: long enough to stand out on the screen.
        if (right * 2 > longestWrong * 3)
            out.push_back({module.file, k->pos.line, k->pos.col,
                           "knowledge check '" + k->id + "' is unbalanced: the right answer (" + std::to_string(right) +
                               " characters) is much longer than every wrong one (at most " +
                               std::to_string(longestWrong) + "), so it can be guessed without reading",
                           Severity::Warning});
    }
}

void checkCourseBalance(const std::vector<Module>& modules, const std::string& courseName, const std::string& file,
                        std::vector<Diagnostic>& out) {
    std::map<int, std::size_t> byPosition;
    std::size_t checks = 0;
    std::size_t longest = 0;
    for (const auto& m : modules)
        for (const auto& b : m.blocks) {
            const auto* k = std::get_if<KnowledgeCheck>(&b);
            if (!k || k->options.empty()) continue;
            ++checks;
            ++byPosition[k->correct];
            const std::size_t right = lengthOf(k->options[static_cast<std::size_t>(k->correct)]);
            bool isLongest = true;
            for (std::size_t i = 0; i < k->options.size(); ++i)
                if (static_cast<int>(i) != k->correct && lengthOf(k->options[i]) >= right) isLongest = false;
            if (isLongest) ++longest;
        }
    if (checks < 4) return;
    for (const auto& [position, n] : byPosition)
        if (n * 2 > checks)
            out.push_back({file, 0, 0,
                           "knowledge checks are unbalanced in " + courseName + ": the right answer is written as option " +
                               std::to_string(position + 1) + " in " + std::to_string(n) + " of " + std::to_string(checks) +
                               " checks (candidates see a shuffled order, but vary where you write it)",
                           Severity::Warning});
    if (longest * 2 > checks)
        out.push_back({file, 0, 0,
                       "knowledge checks are unbalanced in " + courseName + ": the right answer is the longest option in " +
                           std::to_string(longest) + " of " + std::to_string(checks) + " checks",
                       Severity::Warning});
}

}  // namespace detail

namespace {

std::size_t countWords(std::string_view s) {
    std::size_t n = 0;
    bool inWord = false;
    for (char c : s) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!space && !inWord) ++n;
        inWord = !space;
    }
    return n;
}

std::size_t countWords(const Inlines& spans) { return countWords(plainText(spans)); }

}  // namespace

std::size_t wordCount(const Module& module) {
    std::size_t n = countWords(module.title) + countWords(module.summary);
    for (const auto& block : module.blocks) {
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Heading> || std::is_same_v<T, Paragraph>) {
                    n += countWords(b.text);
                } else if constexpr (std::is_same_v<T, List>) {
                    for (const auto& item : b.items) n += countWords(item);
                } else if constexpr (std::is_same_v<T, Callout>) {
                    n += countWords(b.title);
                    for (const auto& p : b.paragraphs) n += countWords(p);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (const auto& c : b.header) n += countWords(c);
                    for (const auto& row : b.rows)
                        for (const auto& c : row) n += countWords(c);
                } else if constexpr (std::is_same_v<T, KnowledgeCheck>) {
                    n += countWords(b.question);
                    for (const auto& o : b.options) n += countWords(o);
                    for (const auto& e : b.explanation) n += countWords(e);
                } else if constexpr (std::is_same_v<T, Scenario>) {
                    n += countWords(b.situation) + countWords(b.law);
                    for (const auto& e : b.explanation) n += countWords(e);
                }
            },
            block);
    }
    return n;
}

CourseStats courseStats(const Course& course) {
    CourseStats stats;
    stats.languages = course.manifest.languages.size();
    stats.modules = course.manifest.modules.size();
    for (const auto& [lang, modules] : course.modules) {
        std::size_t words = 0;
        for (const auto& m : modules) words += wordCount(m);
        stats.words[lang] = words;
    }
    if (auto it = course.modules.find("en-GB"); it != course.modules.end())
        for (const auto& m : it->second) stats.readingAges.emplace_back(m.id, detail::moduleReadingAge(m, course.sources));
    if (!course.manifest.languages.empty()) {
        if (auto it = course.modules.find(course.manifest.languages.front()); it != course.modules.end()) {
            for (const auto& m : it->second) {
                for (const auto& b : m.blocks) {
                    if (std::holds_alternative<KnowledgeCheck>(b)) ++stats.checks;
                    if (std::holds_alternative<Scenario>(b)) ++stats.scenarios;
                }
            }
        }
    }
    return stats;
}

}  // namespace content
