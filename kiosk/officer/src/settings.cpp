// Officer settings stored in the attendance store over the force profile's defaults. Layer: kiosk/officer.
#include "kiosk/officer/settings.hpp"

#include <charconv>

namespace kiosk::officer {
namespace {

constexpr int kIdleMin = 15, kIdleMax = 3600, kCountdownMin = 5, kCountdownMax = 300;

std::optional<int> parseInt(const std::string& text) {
    int v = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
    return v;
}

std::optional<bool> parseBool(const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    return std::nullopt;
}

std::optional<PaperSize> parsePaper(const std::string& text) {
    if (text == "a4") return PaperSize::A4;
    if (text == "letter") return PaperSize::Letter;
    return std::nullopt;
}

// Applies `value` for `key` to `s`; returns the problem (naming the key) or empty.
std::string apply(OfficerSettings& s, const std::string& key, const std::string& value) {
    if (key == kKeyIdleTimeout || key == kKeyIdleCountdown) {
        auto v = parseInt(value);
        if (!v) return key + ": \"" + value + "\" is not a whole number of seconds";
        (key == kKeyIdleTimeout ? s.idleTimeoutSeconds : s.idleCountdownSeconds) = *v;
    } else if (key == kKeyFirstLanguage) {
        s.firstLanguage = value;
    } else if (key == kKeyAllowSkipping || key == kKeyLargePrint) {
        auto v = parseBool(value);
        if (!v) return key + ": \"" + value + "\" must be true or false";
        (key == kKeyAllowSkipping ? s.allowSkippingModules : s.largePrintDefault) = *v;
    } else if (key == kKeyPaperSize) {
        auto v = parsePaper(value);
        if (!v) return key + ": \"" + value + "\" must be a4 or letter";
        s.paperSize = *v;
    } else {
        return "unknown officer setting \"" + key + "\" (known: idle-timeout-seconds, idle-countdown-seconds, "
               "first-language, allow-skipping-modules, paper-size, large-print-default)";
    }
    return {};
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "; ") + l;
    return out;
}

}  // namespace

const char* paperSizeKey(PaperSize p) { return p == PaperSize::A4 ? "a4" : "letter"; }

OfficerSettings defaultSettings(const content::ForceProfile& profile) {
    OfficerSettings s;
    s.idleTimeoutSeconds = profile.defaults.idleTimeoutSeconds;
    s.idleCountdownSeconds = profile.defaults.idleCountdownSeconds;
    s.firstLanguage = profile.defaults.firstLanguage;
    return s;
}

std::vector<std::string> validate(const OfficerSettings& s) {
    std::vector<std::string> out;
    if (s.idleTimeoutSeconds < kIdleMin || s.idleTimeoutSeconds > kIdleMax) {
        out.push_back(std::string(kKeyIdleTimeout) + ": must be " + std::to_string(kIdleMin) + " to " +
                      std::to_string(kIdleMax) + " seconds, not " + std::to_string(s.idleTimeoutSeconds));
    }
    if (s.idleCountdownSeconds < kCountdownMin || s.idleCountdownSeconds > kCountdownMax) {
        out.push_back(std::string(kKeyIdleCountdown) + ": must be " + std::to_string(kCountdownMin) + " to " +
                      std::to_string(kCountdownMax) + " seconds, not " + std::to_string(s.idleCountdownSeconds));
    }
    if (s.idleCountdownSeconds >= s.idleTimeoutSeconds && out.empty()) {
        out.push_back(std::string(kKeyIdleCountdown) + ": must be shorter than " + kKeyIdleTimeout);
    }
    if (s.firstLanguage != "en-GB" && s.firstLanguage != "cy") {
        out.push_back(std::string(kKeyFirstLanguage) + ": must be en-GB or cy, not \"" + s.firstLanguage + "\"");
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> settingsText(const OfficerSettings& s) {
    return {{kKeyIdleTimeout, std::to_string(s.idleTimeoutSeconds)},
            {kKeyIdleCountdown, std::to_string(s.idleCountdownSeconds)},
            {kKeyFirstLanguage, s.firstLanguage},
            {kKeyAllowSkipping, s.allowSkippingModules ? "true" : "false"},
            {kKeyPaperSize, paperSizeKey(s.paperSize)},
            {kKeyLargePrint, s.largePrintDefault ? "true" : "false"}};
}

LoadedSettings loadSettings(const records::Store& store, const content::ForceProfile& profile) {
    LoadedSettings out;
    const OfficerSettings defaults = defaultSettings(profile);
    out.settings = defaults;
    for (const auto& [key, unused] : settingsText(defaults)) {
        const auto stored = store.setting(key);
        if (!stored) continue;
        OfficerSettings trial = out.settings;
        std::string problem = apply(trial, key, *stored);
        if (problem.empty()) {
            auto problems = validate(trial);
            // Only this key's own rule decides; a pairing rule is judged once all keys are read.
            for (const auto& p : problems) {
                if (p.rfind(key + ":", 0) == 0 && problem.empty()) problem = p;
            }
        }
        if (problem.empty()) {
            out.settings = trial;
        } else {
            out.problems.push_back("stored " + problem + "; using the default");
        }
    }
    if (!validate(out.settings).empty()) {
        out.problems.push_back("stored idle timeouts do not fit together (" + joinLines(validate(out.settings)) +
                               "); using the force profile's");
        out.settings.idleTimeoutSeconds = defaults.idleTimeoutSeconds;
        out.settings.idleCountdownSeconds = defaults.idleCountdownSeconds;
    }
    return out;
}

int saveSettings(records::Store& store, const content::ForceProfile& profile, const OfficerSettings& s,
                 const std::string& actor) {
    if (auto problems = validate(s); !problems.empty()) throw SettingsInvalid(joinLines(problems));
    const auto current = settingsText(loadSettings(store, profile).settings);
    const auto wanted = settingsText(s);
    int written = 0;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (wanted[i].second == current[i].second) continue;
        store.setSetting(wanted[i].first, wanted[i].second, actor);
        ++written;
    }
    return written;
}

void setSettingText(records::Store& store, const content::ForceProfile& profile, const std::string& key,
                    const std::string& value, const std::string& actor) {
    OfficerSettings s = loadSettings(store, profile).settings;
    if (auto problem = apply(s, key, value); !problem.empty()) throw SettingsInvalid(problem);
    saveSettings(store, profile, s, actor);
}

}  // namespace kiosk::officer
