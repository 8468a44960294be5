// Course loading (manifest, modules per language, catalogs) and the validator. Layer: content.
#include "content/course.hpp"

#include "content/install.hpp"
#include "course_internal.hpp"
#include "module_internal.hpp"

#include "content/module_parser.hpp"
#include "content/toml_util.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <tuple>

namespace fs = std::filesystem;

namespace content {

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> Date::parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto num = [&](std::size_t from, std::size_t len, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    Date d;
    if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    if (!ymd.ok()) return std::nullopt;
    return d;
}

Date Date::today() {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

const std::vector<Module>& Course::modulesIn(std::string_view lang) const {
    auto it = modules.find(lang);
    if (it == modules.end()) throw std::out_of_range("the course has no language '" + std::string(lang) + "'");
    return it->second;
}

const Module* Course::findModule(std::string_view id, std::string_view lang) const {
    auto it = modules.find(lang);
    if (it == modules.end()) return nullptr;
    for (const auto& m : it->second)
        if (m.id == id) return &m;
    return nullptr;
}

const Catalog& Course::catalog(std::string_view lang) const {
    auto it = catalogs.find(lang);
    if (it == catalogs.end()) throw std::out_of_range("the course has no strings for '" + std::string(lang) + "'");
    return it->second;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error) return true;
    return false;
}

namespace {

constexpr const char* kKnownLanguages[] = {"en-GB", "cy"};

struct Entry {
    std::string id;
    int line = 0;
    int col = 0;
};

class ManifestReader {
public:
    ManifestReader(const toml::table& root, std::string file, std::vector<Diagnostic>& out)
        : m_root(root), m_file(std::move(file)), m_out(out) {}

    void error(const toml::node& n, std::string message, Severity sev = Severity::Error) {
        m_out.push_back({m_file, static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column),
                         std::move(message), sev});
    }
    void missing(const std::string& key) { m_out.push_back({m_file, 1, 1, "missing required key '" + key + "'"}); }

    std::string string(const std::string& key) {
        const toml::node* n = m_root.get(key);
        if (!n) {
            missing(key);
            return {};
        }
        const auto* s = n->as_string();
        if (!s || s->get().empty()) {
            error(*n, "'" + key + "' must be a non-empty string");
            return {};
        }
        return s->get();
    }

    Date date(const std::string& key) {
        const toml::node* n = m_root.get(key);
        if (!n) {
            missing(key);
            return {};
        }
        if (const auto* d = n->as_date()) {
            const auto v = d->get();
            if (auto parsed = Date::parse(Date{v.year, v.month, v.day}.iso())) return *parsed;
        } else if (const auto* s = n->as_string()) {
            if (auto parsed = Date::parse(s->get())) return *parsed;
        }
        error(*n, "'" + key + "' must be a date written YYYY-MM-DD");
        return {};
    }

    std::vector<Entry> list(const std::string& key) {
        std::vector<Entry> out;
        const toml::node* n = m_root.get(key);
        if (!n) {
            missing(key);
            return out;
        }
        const auto* arr = n->as_array();
        if (!arr) {
            error(*n, "'" + key + "' must be a list of strings");
            return out;
        }
        for (const auto& item : *arr) {
            if (const auto* s = item.as_string()) {
                out.push_back({s->get(), static_cast<int>(item.source().begin.line),
                               static_cast<int>(item.source().begin.column)});
            } else {
                error(item, "'" + key + "' must hold only strings");
            }
        }
        return out;
    }

    const std::string& file() const { return m_file; }

private:
    const toml::table& m_root;
    std::string m_file;
    std::vector<Diagnostic>& m_out;
};

// One course in the folder: a jurisdiction with its languages and modules.
struct CourseSpec {
    Jurisdiction jurisdiction = Jurisdiction::EnglandAndWales;
    std::vector<std::string> languages;
    std::vector<Entry> modules;
    SourcePos pos;  // where the jurisdiction is named in course.toml
};

struct Loaded {
    Course course;
    std::vector<Diagnostic> diagnostics;
    bool manifestOk = false;
    std::vector<CourseSpec> specs;
};

std::string langFile(const fs::path& dir, const std::string& lang) { return (dir / "strings" / (lang + ".toml")).string(); }

fs::path moduleFile(const fs::path& dir, const std::string& id, const std::string& lang) {
    return dir / "modules" / (id + "." + lang + ".md");
}

std::optional<Jurisdiction> parseJurisdiction(std::string_view j) {
    if (j == "england-and-wales") return Jurisdiction::EnglandAndWales;
    if (j == "scotland") return Jurisdiction::Scotland;
    if (j == "northern-ireland") return Jurisdiction::NorthernIreland;
    return std::nullopt;
}

// Reads `languages` and `modules` of one course (the manifest root, or one [courses.<jurisdiction>] table).
void readCourseLists(ManifestReader& r, const toml::table& t, CourseSpec& spec, std::vector<Diagnostic>& out) {
    std::set<std::string> seenLangs;
    for (const auto& e : r.list("languages")) {
        const bool known = std::find(std::begin(kKnownLanguages), std::end(kKnownLanguages), e.id) != std::end(kKnownLanguages);
        if (!known) out.push_back({r.file(), e.line, e.col, "unknown language '" + e.id + "' (use en-GB and cy)"});
        else if (!seenLangs.insert(e.id).second)
            out.push_back({r.file(), e.line, e.col, "language '" + e.id + "' is listed twice"});
        else spec.languages.push_back(e.id);
    }
    if (t.get("languages") && spec.languages.empty() && seenLangs.empty())
        r.error(*t.get("languages"), "'languages' must list at least one language");
    if (spec.jurisdiction == Jurisdiction::EnglandAndWales && !spec.languages.empty() &&
        std::find(spec.languages.begin(), spec.languages.end(), "cy") == spec.languages.end())
        r.error(*t.get("languages"), "a course for England and Wales must be in Welsh too: add \"cy\" to 'languages'");
    std::set<std::string> seenIds;
    for (auto& e : r.list("modules")) {
        if (!detail::isValidId(e.id)) {
            out.push_back({r.file(), e.line, e.col, "module id '" + e.id + "' may use only a-z, 0-9 and '-'"});
        } else if (!seenIds.insert(e.id).second) {
            out.push_back({r.file(), e.line, e.col, "duplicate module id '" + e.id + "'"});
        } else {
            spec.modules.push_back(std::move(e));
        }
    }
    if (t.get("modules") && spec.modules.empty() && seenIds.empty())
        r.error(*t.get("modules"), "'modules' lists no modules: a course needs at least one");
}

// Reads course.toml: the shared keys into the manifest, and one CourseSpec per jurisdiction. A folder
// holds either one course (top-level jurisdiction, languages, modules) or several ([courses.<jurisdiction>]
// tables, each with languages and modules).
void readManifest(const fs::path& dir, const Date& today, Loaded& out) {
    Manifest& m = out.course.manifest;
    m.file = dir / "course.toml";
    std::error_code ec;
    if (!fs::is_regular_file(m.file, ec)) {
        out.diagnostics.push_back({m.file.string(), 0, 0, "missing file: a course folder needs course.toml"});
        return;
    }
    toml::table root;
    try {
        root = parseTomlFile(m.file);
    } catch (const LoadError& e) {
        out.diagnostics.insert(out.diagnostics.end(), e.diagnostics().begin(), e.diagnostics().end());
        return;
    }
    const std::size_t before = out.diagnostics.size();
    ManifestReader r(root, m.file.string(), out.diagnostics);
    static const std::set<std::string, std::less<>> kKeys = {"id", "version", "law_as_at", "review_by",
                                                             "jurisdiction", "languages", "modules", "courses"};
    for (const auto& [key, value] : root)
        if (!kKeys.contains(key.str()))
            out.diagnostics.push_back({m.file.string(), static_cast<int>(key.source().begin.line),
                                       static_cast<int>(key.source().begin.column),
                                       "unknown key '" + std::string(key.str()) +
                                           "' (course.toml takes id, version, law_as_at, review_by, and either "
                                           "jurisdiction, languages and modules, or [courses.<jurisdiction>] tables)"});

    m.id = r.string("id");
    m.version = r.string("version");
    m.lawAsAt = r.date("law_as_at");
    m.reviewBy = r.date("review_by");
    if (m.lawAsAt.year != 0 && m.reviewBy.year != 0 && m.reviewBy < m.lawAsAt)
        r.error(*root.get("review_by"), "'review_by' is before 'law_as_at'");
    if (m.reviewBy.year != 0 && m.reviewBy < today)
        r.error(*root.get("review_by"),
                "COURSE REVIEW OVERDUE: review_by " + m.reviewBy.iso() + " has passed (today is " + today.iso() +
                    "); the law described may have changed: review the modules and issue a new version",
                Severity::Warning);

    const toml::node* courses = root.get("courses");
    if (courses) {
        for (const char* single : {"jurisdiction", "languages", "modules"})
            if (const toml::node* n = root.get(single))
                r.error(*n, std::string("'") + single +
                                "' belongs inside a [courses.<jurisdiction>] table when course.toml has [courses]");
        const auto* table = courses->as_table();
        if (!table || table->empty()) {
            r.error(*courses, "[courses] must hold at least one [courses.<jurisdiction>] table");
        } else {
            for (const auto& [key, value] : *table) {
                const auto j = parseJurisdiction(key.str());
                const SourcePos at{static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column)};
                if (!j) {
                    out.diagnostics.push_back({m.file.string(), at.line, at.col,
                                               "unknown jurisdiction [courses." + std::string(key.str()) +
                                                   "] (use england-and-wales, scotland or northern-ireland)"});
                    continue;
                }
                const auto* sub = value.as_table();
                if (!sub) {
                    r.error(value, "courses." + std::string(key.str()) + " must be a table with languages and modules");
                    continue;
                }
                for (const auto& [k, v] : *sub)
                    if (k.str() != "languages" && k.str() != "modules")
                        r.error(v, "unknown key '" + std::string(k.str()) + "' in [courses." + std::string(key.str()) +
                                       "] (use languages, modules)");
                CourseSpec spec;
                spec.jurisdiction = *j;
                spec.pos = at;
                ManifestReader sr(*sub, m.file.string(), out.diagnostics);
                readCourseLists(sr, *sub, spec, out.diagnostics);
                out.specs.push_back(std::move(spec));
            }
        }
    } else {
        CourseSpec spec;
        if (const std::string j = r.string("jurisdiction"); !j.empty()) {
            const toml::node& node = *root.get("jurisdiction");
            spec.pos = {static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column)};
            if (const auto parsed = parseJurisdiction(j)) spec.jurisdiction = *parsed;
            else r.error(node, "'jurisdiction' must be england-and-wales, scotland or northern-ireland");
        }
        readCourseLists(r, root, spec, out.diagnostics);
        out.specs.push_back(std::move(spec));
    }
    for (const auto& spec : out.specs) m.jurisdictions.push_back(spec.jurisdiction);
    out.manifestOk = !hasErrors(std::vector<Diagnostic>(out.diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                                                        out.diagnostics.end()));
}

void loadCatalogs(const fs::path& dir, const std::vector<std::string>& languages, Loaded& out) {
    std::map<std::string, std::string, std::less<>> files;
    for (const auto& lang : languages) {
        const std::string file = langFile(dir, lang);
        std::error_code ec;
        if (!fs::exists(file, ec)) {
            out.diagnostics.push_back({file, 0, 0, "missing translation: no UI strings for language '" + lang + "'"});
            continue;
        }
        try {
            out.course.catalogs.emplace(lang, Catalog::load(file, lang));
            files.emplace(lang, file);
        } catch (const LoadError& e) {
            out.diagnostics.insert(out.diagnostics.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    detail::compareCatalogs(out.course.catalogs, files, out.diagnostics);
}

std::string courseName(const CourseSpec& spec) { return std::string("the ") + jurisdictionKey(spec.jurisdiction) + " course"; }

// Loads the modules of one course. `keep`: put them into out.course (the selected course); otherwise the
// modules are only checked.
void loadModules(const fs::path& dir, const CourseSpec& spec, bool keep, Loaded& out) {
    const std::string manifestFile = out.course.manifest.file.string();
    std::vector<Module> reference;  // the first language's modules that parsed cleanly, for the balance check
    for (const auto& e : spec.modules) {
        std::map<std::string, std::pair<Module, bool>> byLang;  // module, parsed cleanly
        for (const auto& lang : spec.languages) {
            const fs::path file = moduleFile(dir, e.id, lang);
            std::error_code ec;
            if (!fs::exists(file, ec)) {
                const bool anyOther = std::any_of(spec.languages.begin(), spec.languages.end(), [&](const std::string& l) {
                    std::error_code ec2;
                    return l != lang && fs::exists(moduleFile(dir, e.id, l), ec2);
                });
                out.diagnostics.push_back(
                    {manifestFile, e.line, e.col,
                     (anyOther ? "missing translation: module '" : "missing files: module '") + e.id + "' has no " +
                         lang + " file (expected " + file.string() + ")"});
                continue;
            }
            ModuleParse parse = loadModuleFile(file, lang);
            out.diagnostics.insert(out.diagnostics.end(), parse.diagnostics.begin(), parse.diagnostics.end());
            if (!parse.module.id.empty() && parse.module.id != e.id)
                out.diagnostics.push_back({file.string(), parse.idPos.line, parse.idPos.col,
                                           "front matter id '" + parse.module.id + "' does not match the file name ('" +
                                               e.id + "')"});
            parse.module.id = e.id;
            // Files with errors are still compared (every problem in one run) but not kept in the course.
            if (!parse.module.blocks.empty()) byLang.emplace(lang, std::pair{std::move(parse.module), parse.ok()});
        }
        if (!spec.languages.empty()) {
            auto ref = byLang.find(spec.languages.front());
            if (ref != byLang.end()) {
                const std::size_t before = out.diagnostics.size();
                checkModuleSources(ref->second.first, out.course.sources, out.diagnostics);
                if (ref->second.first.lang == "en-GB") detail::checkReadingAge(ref->second.first, out.course.sources, out.diagnostics);
                detail::checkCheckBalance(ref->second.first, out.diagnostics);
                if (hasErrors(std::vector<Diagnostic>(out.diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                                                      out.diagnostics.end())))
                    ref->second.second = false;
                if (ref->second.second) reference.push_back(ref->second.first);
            }
            for (auto& [lang, mod] : byLang) {
                if (ref == byLang.end() || lang == ref->first) continue;
                const std::size_t before = out.diagnostics.size();
                detail::compareStructure(ref->second.first, mod.first, out.diagnostics);
                if (mod.first.sources != ref->second.first.sources)
                    out.diagnostics.push_back({mod.first.file, 1, 1,
                                               "front matter: 'sources' differs from " + ref->second.first.file +
                                                   " (every language lists the same sources)"});
                if (hasErrors(std::vector<Diagnostic>(out.diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                                                      out.diagnostics.end())))
                    mod.second = false;
            }
        }
        if (keep)
            for (auto& [lang, mod] : byLang)
                if (mod.second) out.course.modules[lang].push_back(std::move(mod.first));
    }
    detail::checkCourseBalance(reference, courseName(spec), manifestFile, out.diagnostics);
}

// Module files nobody listed are probably a forgotten `modules` entry: warn, they will not be shown.
void findStrayModules(const fs::path& dir, Loaded& out) {
    std::error_code ec;
    fs::directory_iterator it(dir / "modules", ec);
    if (ec) return;
    for (const auto& entry : it) {
        const fs::path p = entry.path();
        if (p.extension() != ".md") continue;
        const fs::path stem = p.stem();  // <id>.<lang>
        const std::string lang = stem.extension().string().empty() ? "" : stem.extension().string().substr(1);
        const std::string id = stem.stem().string();
        const bool listed = std::any_of(out.specs.begin(), out.specs.end(), [&](const CourseSpec& s) {
            return std::find(s.languages.begin(), s.languages.end(), lang) != s.languages.end() &&
                   std::any_of(s.modules.begin(), s.modules.end(), [&](const Entry& e) { return e.id == id; });
        });
        if (!listed)
            out.diagnostics.push_back({p.string(), 0, 0,
                                       "module file is not used: its id or language is not listed in course.toml "
                                       "(name it modules/<id>.<lang>.md)",
                                       Severity::Warning});
    }
}

void dedupe(std::vector<Diagnostic>& ds) {
    std::set<std::tuple<std::string, int, int, std::string, int>> seen;
    std::vector<Diagnostic> out;
    for (auto& d : ds)
        if (seen.insert({d.file, d.line, d.col, d.message, static_cast<int>(d.severity)}).second) out.push_back(std::move(d));
    ds = std::move(out);
}

// Which course of the folder to load: a jurisdiction, or (nullopt) the first one listed.
Loaded loadAll(const fs::path& dir, const Date& today, std::optional<Jurisdiction> select, bool checkAll) {
    Loaded out;
    out.course.dir = dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.diagnostics.push_back({dir.string(), 0, 0, "course folder not found"});
        return out;
    }
    readManifest(dir, today, out);
    out.course.sources = loadSources(dir / "sources.toml", today, out.diagnostics);
    const CourseSpec* chosen = nullptr;
    if (!out.specs.empty()) {
        if (!select) chosen = &out.specs.front();
        for (const auto& spec : out.specs)
            if (select && spec.jurisdiction == *select) chosen = &spec;
        if (!chosen) {
            std::string have;
            for (const auto& spec : out.specs) have += (have.empty() ? "" : ", ") + std::string(jurisdictionKey(spec.jurisdiction));
            out.diagnostics.push_back({out.course.manifest.file.string(), 1, 1,
                                       std::string("course.toml has no course for jurisdiction '") +
                                           jurisdictionKey(*select) + "' (it has: " + have +
                                           "): the force profile's jurisdiction chooses the course"});
        }
    }
    Manifest& m = out.course.manifest;
    if (chosen) {
        m.jurisdiction = chosen->jurisdiction;
        m.languages = chosen->languages;
        for (const auto& e : chosen->modules) m.modules.push_back(e.id);
    }
    std::vector<std::string> languages;
    for (const auto& spec : out.specs)
        if (checkAll || &spec == chosen)
            for (const auto& l : spec.languages)
                if (std::find(languages.begin(), languages.end(), l) == languages.end()) languages.push_back(l);
    loadCatalogs(dir, languages, out);
    for (const auto& spec : out.specs)
        if (checkAll || &spec == chosen) loadModules(dir, spec, &spec == chosen, out);
    // Without a usable manifest every module file would look unlisted: that would only bury the real error.
    if (!out.specs.empty() && !m.languages.empty() && !m.modules.empty()) findStrayModules(dir, out);
    // Shared modules are checked once per course: say each problem once.
    dedupe(out.diagnostics);
    return out;
}

}  // namespace

Course loadCourse(const fs::path& dir) { return loadCourse(dir, Date::today()); }

Course loadCourse(const fs::path& dir, const Date& today) {
    Loaded loaded = loadAll(dir, today, std::nullopt, false);
    if (hasErrors(loaded.diagnostics)) throw LoadError(std::move(loaded.diagnostics));
    loaded.course.warnings = std::move(loaded.diagnostics);
    return std::move(loaded.course);
}

Course loadCourse(const fs::path& dir, Jurisdiction jurisdiction) { return loadCourse(dir, jurisdiction, Date::today()); }

Course loadCourse(const fs::path& dir, Jurisdiction jurisdiction, const Date& today) {
    Loaded loaded = loadAll(dir, today, jurisdiction, false);
    if (hasErrors(loaded.diagnostics)) throw LoadError(std::move(loaded.diagnostics));
    loaded.course.warnings = std::move(loaded.diagnostics);
    return std::move(loaded.course);
}

std::vector<Jurisdiction> courseJurisdictions(const fs::path& dir) {
    Loaded out;
    readManifest(dir, Date::today(), out);
    std::vector<Jurisdiction> js;
    for (const auto& spec : out.specs) js.push_back(spec.jurisdiction);
    return js;
}

std::vector<Diagnostic> profileProblems(const ForceProfile& profile, const Course& course) {
    std::vector<Diagnostic> out;
    if (profile.jurisdiction != course.manifest.jurisdiction)
        out.push_back({profile.file.string(), 0, 0,
                       std::string("force profile jurisdiction '") + jurisdictionKey(profile.jurisdiction) +
                           "' differs from the course's '" + jurisdictionKey(course.manifest.jurisdiction) +
                           "': the law described would be wrong"});
    if (std::find(course.manifest.languages.begin(), course.manifest.languages.end(), "cy") != course.manifest.languages.end()) {
        auto gaps = welshGaps(profile);
        out.insert(out.end(), gaps.begin(), gaps.end());
    }
    return out;
}

std::vector<Diagnostic> validateCourse(const fs::path& dir, const fs::path& forceProfile) {
    return validateCourse(dir, forceProfile, Date::today());
}

std::vector<Diagnostic> validateCourse(const fs::path& dir, const fs::path& forceProfile, const Date& today) {
    return validateCourse(dir, forceProfile.empty() ? std::vector<fs::path>{} : std::vector<fs::path>{forceProfile}, today);
}

std::vector<Diagnostic> validateCourse(const fs::path& dir, const std::vector<fs::path>& forceProfiles, const Date& today) {
    // Nothing is read through a link: a course with links or special files is refused before any file is opened.
    if (auto unsafe = nonPlainEntries(dir); !unsafe.empty()) return unsafe;
    Loaded loaded = loadAll(dir, today, std::nullopt, true);
    auto& out = loaded.diagnostics;
    for (const auto& file : forceProfiles) {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            out.push_back({file.string(), 0, 0, "force profile not found (set force_profile in kiosk.toml or pass --force-profile)"});
            continue;
        }
        try {
            const ForceProfile profile = loadForceProfile(file);
            if (!loaded.manifestOk) continue;
            const CourseSpec* spec = nullptr;
            for (const auto& s : loaded.specs)
                if (s.jurisdiction == profile.jurisdiction) spec = &s;
            if (!spec) {
                int line = 0;
                int col = 0;
                try {
                    const toml::table t = parseTomlFile(file);
                    if (const toml::node* n = t.get("jurisdiction")) {
                        line = static_cast<int>(n->source().begin.line);
                        col = static_cast<int>(n->source().begin.column);
                    }
                } catch (const LoadError&) {
                    // Already loaded once, so this cannot fail short of the file changing under us.
                }
                const CourseSpec& first = loaded.specs.front();
                out.push_back({file.string(), line, col,
                               std::string("force profile jurisdiction '") + jurisdictionKey(profile.jurisdiction) +
                                   "' differs from the course's '" + jurisdictionKey(first.jurisdiction) + "' (" +
                                   loaded.course.manifest.file.string() + ":" + std::to_string(first.pos.line) +
                                   "): the law described would be wrong"});
                continue;
            }
            if (std::find(spec->languages.begin(), spec->languages.end(), "cy") != spec->languages.end()) {
                auto gaps = welshGaps(profile);
                out.insert(out.end(), gaps.begin(), gaps.end());
            }
        } catch (const LoadError& e) {
            out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    dedupe(out);
    return out;
}

}  // namespace content
