// Cross-language checks (module structure, catalog keys) and course figures. Layer: content.
#include "course_internal.hpp"

#include <set>

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
