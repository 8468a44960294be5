// sources.toml loading, legislation citations in module text, and the check that every cited law is
// among a module's sources. Layer: content.
#include "content/sources.hpp"

#include "content/toml_util.hpp"

#include <regex>
#include <set>

namespace fs = std::filesystem;

namespace content {
namespace {

SourcePos posOf(const toml::node& n) {
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
}

std::string joinIds(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none" : out;
}

}  // namespace

Sources loadSources(const fs::path& file, const Date& today, std::vector<Diagnostic>& out) {
    Sources sources;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        out.push_back({file.string(), 0, 0,
                       "missing file: a course needs sources.toml, the source of every fact its modules state"});
        return sources;
    }
    toml::table root;
    try {
        root = parseTomlFile(file);
    } catch (const LoadError& e) {
        out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
        return sources;
    }
    const std::string name = file.string();
    const auto error = [&](SourcePos p, std::string message) { out.push_back({name, p.line, p.col, std::move(message)}); };
    static const std::set<std::string, std::less<>> kKeys = {"title", "url", "law", "checked", "claims"};
    for (const auto& [key, value] : root) {
        const std::string id(key.str());
        const SourcePos at = posOf(value);
        const auto* t = value.as_table();
        if (!t) {
            error(at, "source '" + id + "' must be a table: [" + id + "] with title, url, checked and claims");
            continue;
        }
        Source s;
        s.id = id;
        s.pos = at;
        for (const auto& [k, v] : *t)
            if (!kKeys.contains(k.str()))
                error(posOf(v), "source '" + id + "': unknown key '" + std::string(k.str()) +
                                    "' (use title, url, law, checked, claims)");
        const auto str = [&](const char* k, bool required) {
            const toml::node* n = t->get(k);
            if (!n) {
                if (required) error(at, "source '" + id + "' has no '" + k + "'");
                return std::string();
            }
            const auto* v = n->as_string();
            if (!v || v->get().empty()) {
                error(posOf(*n), "source '" + id + "': '" + k + "' must be a non-empty string");
                return std::string();
            }
            return v->get();
        };
        s.title = str("title", true);
        s.url = str("url", true);
        s.law = str("law", false);
        if (!s.url.empty() && s.url.rfind("https://", 0) != 0)
            error(posOf(*t->get("url")), "source '" + id + "': 'url' must be an https:// address");
        if (const toml::node* n = t->get("checked")) {
            std::optional<Date> d;
            if (const auto* td = n->as_date()) d = Date::parse(Date{td->get().year, td->get().month, td->get().day}.iso());
            else if (const auto* ts = n->as_string()) d = Date::parse(ts->get());
            if (!d) error(posOf(*n), "source '" + id + "': 'checked' must be a date written YYYY-MM-DD");
            else if (today < *d) error(posOf(*n), "source '" + id + "': 'checked' " + d->iso() + " is in the future");
            else s.checked = *d;
        } else {
            error(at, "source '" + id + "' has no 'checked' date (when the text was last checked against it)");
        }
        if (const toml::node* n = t->get("claims")) {
            const auto* arr = n->as_array();
            if (arr)
                for (const auto& c : *arr)
                    if (const auto* cs = c.as_string(); cs && !cs->get().empty()) s.claims.push_back(cs->get());
            if (!arr || s.claims.empty() || s.claims.size() != arr->size())
                error(posOf(*n), "source '" + id + "': 'claims' must be a list of the facts taken from it");
        } else {
            error(at, "source '" + id + "' has no 'claims' (the facts the course takes from it)");
        }
        sources.emplace(id, std::move(s));
    }
    return sources;
}

std::vector<Citation> findCitations(std::string_view text) {
    // "... Act 1997", "... Order 1987": a capitalised word before (so "the Act 1997" in prose is rare and
    // still caught), and a year that is not part of a longer number.
    static const std::regex kCitation(R"(\b(?:Act|Order) (?:1[0-9]{3}|20[0-9]{2})(?![0-9]))");
    std::vector<Citation> out;
    const std::string s(text);
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kCitation); it != std::sregex_iterator(); ++it) {
        const auto end = static_cast<std::size_t>(it->position(0) + it->length(0));
        const std::size_t from = end > 80 ? end - 80 : 0;
        out.push_back({end, s.substr(from, end - from)});
    }
    return out;
}

std::vector<ModuleText> moduleTexts(const Module& m) {
    std::vector<ModuleText> out;
    out.push_back({m.title, {}});
    out.push_back({m.summary, {}});
    const auto add = [&](const Inlines& spans, SourcePos p) { out.push_back({plainText(spans), p}); };
    for (const auto& block : m.blocks) {
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Heading> || std::is_same_v<T, Paragraph>) {
                    add(b.text, b.pos);
                } else if constexpr (std::is_same_v<T, List>) {
                    for (const auto& item : b.items) add(item, b.pos);
                } else if constexpr (std::is_same_v<T, Callout>) {
                    add(b.title, b.pos);
                    for (const auto& p : b.paragraphs) add(p, b.pos);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (const auto& c : b.header) add(c, b.pos);
                    for (const auto& row : b.rows)
                        for (const auto& c : row) add(c, b.pos);
                } else if constexpr (std::is_same_v<T, KnowledgeCheck>) {
                    add(b.question, b.pos);
                    for (const auto& o : b.options) add(o, b.pos);
                    for (const auto& f : b.feedback)
                        if (!f.empty()) add(f, b.pos);
                    for (const auto& e : b.explanation) add(e, b.pos);
                } else if constexpr (std::is_same_v<T, Scenario>) {
                    add(b.situation, b.pos);
                    for (const auto& e : b.explanation) add(e, b.pos);
                    add(b.law, b.pos);
                }
            },
            block);
    }
    return out;
}

void checkModuleSources(const Module& m, const Sources& sources, std::vector<Diagnostic>& out) {
    if (m.sources.empty()) {
        out.push_back({m.file, 1, 1,
                       "front matter: missing required key 'sources' (the ids in sources.toml that back this "
                       "module's facts)"});
        return;
    }
    std::vector<const Source*> mine;
    std::set<std::string, std::less<>> seen;
    for (const auto& id : m.sources) {
        if (!seen.insert(id).second) {
            out.push_back({m.file, 1, 1, "front matter: source '" + id + "' is listed twice"});
            continue;
        }
        auto it = sources.find(id);
        if (it == sources.end()) out.push_back({m.file, 1, 1, "front matter: unknown source '" + id + "' (not in sources.toml)"});
        else mine.push_back(&it->second);
    }
    const auto endsWith = [](const std::string& text, std::size_t end, const std::string& law) {
        return !law.empty() && end >= law.size() && text.compare(end - law.size(), law.size(), law) == 0;
    };
    std::set<std::string> reported;
    for (const auto& t : moduleTexts(m)) {
        for (const auto& c : findCitations(t.text)) {
            bool covered = false;
            for (const auto* s : mine) covered = covered || endsWith(t.text, c.end, s->law);
            if (covered) continue;
            std::vector<std::string> candidates;
            for (const auto& [id, s] : sources)
                if (endsWith(t.text, c.end, s.law)) candidates.push_back(id);
            if (!reported.insert(c.text).second) continue;
            out.push_back({m.file, t.pos.line, t.pos.col,
                           "legal claim without a source: '..." + c.text +
                               "' is not the 'law' of any source this module lists (front matter 'sources'; "
                               "sources.toml entries for it: " +
                               joinIds(candidates) + ")"});
        }
    }
}

}  // namespace content
