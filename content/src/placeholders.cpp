// Placeholders in module text ({{force.name}} ...): finding, checking and filling in. Layer: content.
#include "content/placeholders.hpp"

#include <array>

namespace content {
namespace {

constexpr std::array<std::string_view, 21> kNames = {
    "force.name",
    "force.spoc.name",
    "force.spoc.role",
    "force.spoc.phone",
    "force.spoc.email",
    "force.spoc.hours",
    "force.feoa.name",
    "force.feoa.role",
    "force.feoa.phone",
    "force.feoa.email",
    "force.feoa.hours",
    "force.reporting.emergency_sms",
    "force.privacy.controller",
    "force.reporting.emergency",
    "force.reporting.non_emergency",
    "force.reporting.text_relay_emergency",
    "force.reporting.text_relay_non_emergency",
    "force.reporting.online_url",
    "force.retention_days",
    "course.law_as_at",
    "course.version",
};

constexpr std::array<const char*, 12> kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 12> kMonthsCy = {"Ionawr", "Chwefror", "Mawrth", "Ebrill",  "Mai",      "Mehefin",
                                                   "Gorffennaf", "Awst", "Medi",   "Hydref", "Tachwedd", "Rhagfyr"};

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::span<const std::string_view> knownPlaceholders() { return kNames; }

bool isKnownPlaceholder(std::string_view name) {
    for (auto n : kNames)
        if (n == name) return true;
    return false;
}

std::vector<PlaceholderRef> findPlaceholders(std::string_view text) {
    std::vector<PlaceholderRef> out;
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        const auto lineEnd = std::min(text.find('\n', pos), text.size());
        const auto close = text.find("}}", pos + 2);
        if (close == std::string_view::npos || close > lineEnd) {
            out.push_back({pos, lineEnd - pos, std::string(trimSpaces(text.substr(pos + 2, lineEnd - pos - 2))), false});
            pos = lineEnd;
            continue;
        }
        out.push_back({pos, close + 2 - pos, std::string(trimSpaces(text.substr(pos + 2, close - pos - 2))), true});
        pos = close + 2;
    }
    return out;
}

std::string formatDate(const Date& date, std::string_view lang) {
    if (date.month < 1 || date.month > 12) return date.iso();
    const auto& months = lang == "cy" ? kMonthsCy : kMonthsEn;
    return std::to_string(date.day) + " " + months[static_cast<std::size_t>(date.month - 1)] + " " +
           std::to_string(date.year);
}

std::string placeholderValue(std::string_view name, std::string_view lang, const ForceProfile& force,
                             const Manifest& manifest) {
    const std::string l(lang);
    if (name == "force.name") return force.name.in(l);
    for (auto [prefix, c] : {std::pair{std::string_view("force.spoc."), &force.spoc},
                             std::pair{std::string_view("force.feoa."), &force.feoa}}) {
        if (!name.starts_with(prefix)) continue;
        const std::string_view field = name.substr(prefix.size());
        if (field == "name") return c->name.in(l);
        if (field == "role") return c->role.in(l);
        if (field == "hours") return c->hours.in(l);
        if (field == "phone") return c->phone;
        if (field == "email") return c->email;
    }
    if (name == "force.reporting.emergency_sms") return force.reporting.emergencySms;
    if (name == "force.privacy.controller") return force.privacy.controller.in(l);
    if (name == "force.reporting.emergency") return force.reporting.emergency;
    if (name == "force.reporting.non_emergency") return force.reporting.nonEmergency;
    if (name == "force.reporting.text_relay_emergency") return force.reporting.textRelayEmergency;
    if (name == "force.reporting.text_relay_non_emergency") return force.reporting.textRelayNonEmergency;
    if (name == "force.reporting.online_url") return force.reporting.onlineUrl;
    if (name == "force.retention_days") return std::to_string(force.defaults.retentionDays);
    if (name == "course.law_as_at") return formatDate(manifest.lawAsAt, lang);
    if (name == "course.version") return manifest.version;
    return {};
}

std::string resolvePlaceholders(std::string_view text, std::string_view lang, const ForceProfile& force,
                                const Manifest& manifest) {
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    for (const auto& ref : findPlaceholders(text)) {
        if (!ref.closed || !isKnownPlaceholder(ref.name)) continue;
        out.append(text.substr(copied, ref.offset - copied));
        out += placeholderValue(ref.name, lang, force, manifest);
        copied = ref.offset + ref.length;
    }
    out.append(text.substr(copied));
    return out;
}

Module resolvePlaceholders(const Module& module, const ForceProfile& force, const Manifest& manifest) {
    Module m = module;
    const auto fix = [&](std::string& s) { s = resolvePlaceholders(s, m.lang, force, manifest); };
    const auto fixSpans = [&](Inlines& spans) {
        for (auto& s : spans) {
            fix(s.text);
            fix(s.link);
        }
    };
    fix(m.title);
    fix(m.summary);
    for (auto& block : m.blocks) {
        std::visit(
            [&](auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Heading> || std::is_same_v<T, Paragraph>) {
                    fixSpans(b.text);
                } else if constexpr (std::is_same_v<T, List>) {
                    for (auto& item : b.items) fixSpans(item);
                } else if constexpr (std::is_same_v<T, Callout>) {
                    fixSpans(b.title);
                    for (auto& p : b.paragraphs) fixSpans(p);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (auto& c : b.header) fixSpans(c);
                    for (auto& row : b.rows)
                        for (auto& c : row) fixSpans(c);
                } else if constexpr (std::is_same_v<T, KnowledgeCheck>) {
                    fixSpans(b.question);
                    for (auto& o : b.options) fixSpans(o);
                    for (auto& e : b.explanation) fixSpans(e);
                } else if constexpr (std::is_same_v<T, Scenario>) {
                    fixSpans(b.situation);
                    for (auto& e : b.explanation) fixSpans(e);
                    fixSpans(b.law);
                }
            },
            block);
    }
    return m;
}

Module resolvePlaceholders(const Module& module, const ForceProfile& force, const Course& course) {
    return resolvePlaceholders(module, force, course.manifest);
}

std::vector<Module> resolvedModules(const Course& course, std::string_view lang, const ForceProfile& force) {
    std::vector<Module> out;
    for (const auto& m : course.modulesIn(lang)) out.push_back(resolvePlaceholders(m, force, course.manifest));
    return out;
}

}  // namespace content
