// Force profile loading and validation (toml++). Layer: content.
#include "content/force_profile.hpp"

#include "content/diagnostic.hpp"
#include "content/toml_util.hpp"

#include <iterator>
#include <set>

namespace content {
namespace {

class Reader {
public:
    Reader(const toml::table& root, std::string file) : m_root(root), m_file(std::move(file)) {}

    std::string str(std::string_view path, bool required = true) {
        const auto node = m_root.at_path(path);
        if (!node) {
            if (required) error(m_root.source(), "missing required key '" + std::string(path) + "'");
            return {};
        }
        const auto* s = node.as_string();
        if (!s) {
            error(node.node()->source(), "'" + std::string(path) + "' must be a string");
            return {};
        }
        if (required && s->get().empty()) error(s->source(), "'" + std::string(path) + "' must not be empty");
        return s->get();
    }

    // A text field: a string (English only) or a table with `en` (required) and `cy`.
    Bilingual text(const std::string& path, bool required = true) {
        Bilingual b;
        const auto node = m_root.at_path(path);
        if (!node) {
            if (required) error(m_root.source(), "missing required key '" + path + "'");
            return b;
        }
        b.pos = {static_cast<int>(node.node()->source().begin.line), static_cast<int>(node.node()->source().begin.column)};
        if (const auto* s = node.as_string()) {
            b.en = s->get();
            if (required && b.en.empty()) error(s->source(), "'" + path + "' must not be empty");
            return b;
        }
        if (node.as_table()) {
            b.en = str(path + ".en", required);
            b.cy = str(path + ".cy", false);
            if (const auto cy = m_root.at_path(path + ".cy"); cy && cy.as_string() && cy.as_string()->get().empty())
                error(cy.node()->source(), "'" + path + ".cy' must not be empty (leave it out when there is no Welsh)");
            return b;
        }
        error(node.node()->source(), "'" + path + "' must be a string or a table { en = \"...\", cy = \"...\" }");
        return b;
    }

    int integer(std::string_view path, int fallback, int min, int max) {
        const auto node = m_root.at_path(path);
        if (!node) return fallback;
        const auto* v = node.as_integer();
        if (!v || v->get() < min || v->get() > max) {
            error(node.node()->source(), "'" + std::string(path) + "' must be a whole number from " +
                                             std::to_string(min) + " to " + std::to_string(max));
            return fallback;
        }
        return static_cast<int>(v->get());
    }

    void error(const toml::source_region& src, std::string message) {
        m_errors.push_back({m_file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                            std::move(message)});
    }

    std::vector<Diagnostic>& errors() { return m_errors; }
    const toml::table& root() const { return m_root; }

private:
    const toml::table& m_root;
    std::string m_file;
    std::vector<Diagnostic> m_errors;
};

constexpr const char* kTextFields[] = {"name", "spoc.name", "spoc.role", "spoc.hours", "feoa.name", "feoa.role",
                                       "feoa.hours", "privacy.controller", "privacy.dpo_contact",
                                       "privacy.lawful_basis"};

bool parseHexColour(const std::string& s, Rgb& out) {
    if (s.size() != 7 || s[0] != '#') return false;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else return false;
    }
    out = {static_cast<float>((v >> 16) & 0xFF) / 255.0f, static_cast<float>((v >> 8) & 0xFF) / 255.0f,
           static_cast<float>(v & 0xFF) / 255.0f};
    return true;
}

void checkKnownKeys(Reader& r, const toml::table& table, const std::string& prefix,
                    const std::set<std::string, std::less<>>& known) {
    for (const auto& [k, v] : table) {
        const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = v.as_table()) {
            checkKnownKeys(r, *sub, key, known);
        } else if (!known.contains(key)) {
            r.error(v.source(), "unknown key '" + key + "'");
        }
    }
}

}  // namespace

const char* jurisdictionKey(Jurisdiction j) {
    switch (j) {
        case Jurisdiction::EnglandAndWales: return "england-and-wales";
        case Jurisdiction::Scotland: return "scotland";
        case Jurisdiction::NorthernIreland: return "northern-ireland";
    }
    return "england-and-wales";
}

ForceProfile loadForceProfile(const std::filesystem::path& file) {
    const toml::table root = parseTomlFile(file);
    Reader r(root, file.string());
    ForceProfile p;
    p.file = file;
    p.id = r.str("id");
    p.name = r.text("name");

    const std::string j = r.str("jurisdiction");
    if (j == "england-and-wales") p.jurisdiction = Jurisdiction::EnglandAndWales;
    else if (j == "scotland") p.jurisdiction = Jurisdiction::Scotland;
    else if (j == "northern-ireland") p.jurisdiction = Jurisdiction::NorthernIreland;
    else if (!j.empty())
        r.error(root.at_path("jurisdiction").node()->source(),
                "'jurisdiction' must be england-and-wales, scotland or northern-ireland");

    if (const std::string accent = r.str("accent_colour", false); !accent.empty() && !parseHexColour(accent, p.accent))
        r.error(root.at_path("accent_colour").node()->source(), "'accent_colour' must look like #1a2b3c");

    if (const std::string logo = r.str("logo", false); !logo.empty()) {
        p.logo = std::filesystem::path(logo).is_absolute() ? std::filesystem::path(logo) : file.parent_path() / logo;
        if (!std::filesystem::is_regular_file(p.logo))
            r.error(root.at_path("logo").node()->source(), "logo file not found: " + p.logo.string());
    }

    for (auto [key, contact] : {std::pair{"spoc", &p.spoc}, std::pair{"feoa", &p.feoa}}) {
        const std::string k = key;
        contact->name = r.text(k + ".name");
        contact->role = r.text(k + ".role");
        contact->hours = r.text(k + ".hours");
        contact->phone = r.str(k + ".phone");
        contact->email = r.str(k + ".email");
    }
    if (auto s = r.str("reporting.emergency", false); !s.empty()) p.reporting.emergency = s;
    if (auto s = r.str("reporting.non_emergency", false); !s.empty()) p.reporting.nonEmergency = s;
    if (auto s = r.str("reporting.text_relay_emergency", false); !s.empty()) p.reporting.textRelayEmergency = s;
    if (auto s = r.str("reporting.text_relay_non_emergency", false); !s.empty())
        p.reporting.textRelayNonEmergency = s;
    p.reporting.onlineUrl = r.str("reporting.online_url");
    if (auto s = r.str("reporting.emergency_sms", false); !s.empty()) p.reporting.emergencySms = s;

    p.privacy.controller = r.text("privacy.controller");
    p.privacy.dpoContact = r.text("privacy.dpo_contact");
    p.privacy.lawfulBasis = r.text("privacy.lawful_basis");
    p.privacy.noticeVersion = r.str("privacy.notice_version");

    p.defaults.retentionDays = r.integer("defaults.retention_days", 90, 1, 3650);
    p.defaults.idleTimeoutSeconds = r.integer("defaults.idle_timeout_seconds", 90, 15, 3600);
    p.defaults.idleCountdownSeconds = r.integer("defaults.idle_countdown_seconds", 20, 5, 300);
    if (auto lang = r.str("defaults.first_language", false); !lang.empty()) {
        if (lang != "en-GB" && lang != "cy")
            r.error(root.at_path("defaults.first_language").node()->source(),
                    "'defaults.first_language' must be en-GB or cy");
        else
            p.defaults.firstLanguage = lang;
    }

    static const std::set<std::string, std::less<>> kKnown = [] {
        std::set<std::string, std::less<>> k = {
            "id", "jurisdiction", "accent_colour", "logo", "spoc.phone", "spoc.email", "feoa.phone", "feoa.email",
            "reporting.emergency", "reporting.non_emergency", "reporting.text_relay_emergency",
            "reporting.text_relay_non_emergency", "reporting.online_url", "reporting.emergency_sms",
            "privacy.notice_version", "defaults.retention_days", "defaults.first_language",
            "defaults.idle_timeout_seconds", "defaults.idle_countdown_seconds"};
        for (const char* t : kTextFields) {
            k.insert(t);
            k.insert(std::string(t) + ".en");
            k.insert(std::string(t) + ".cy");
        }
        return k;
    }();
    checkKnownKeys(r, root, "", kKnown);

    if (!r.errors().empty()) throw LoadError(std::move(r.errors()));
    return p;
}

std::vector<std::pair<std::string, const Bilingual*>> textFields(const ForceProfile& p) {
    const Bilingual* fields[] = {&p.name, &p.spoc.name, &p.spoc.role, &p.spoc.hours, &p.feoa.name, &p.feoa.role,
                                 &p.feoa.hours, &p.privacy.controller, &p.privacy.dpoContact, &p.privacy.lawfulBasis};
    static_assert(std::size(fields) == std::size(kTextFields));
    std::vector<std::pair<std::string, const Bilingual*>> out;
    for (std::size_t i = 0; i < std::size(fields); ++i) out.emplace_back(kTextFields[i], fields[i]);
    return out;
}

std::vector<Diagnostic> welshGaps(const ForceProfile& p) {
    std::vector<Diagnostic> out;
    for (const auto& [key, field] : textFields(p))
        if (!field->en.empty() && field->cy.empty())
            out.push_back({p.file.string(), field->pos.line, field->pos.col,
                           "'" + key + "' has no Welsh: the course is in Welsh, so write it as " + key +
                               " = { en = \"...\", cy = \"...\" }"});
    return out;
}

}  // namespace content
