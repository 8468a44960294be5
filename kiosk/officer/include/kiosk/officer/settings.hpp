// Officer settings (idle timeouts, first language, module skipping, paper size, large print): a typed
// struct over Store::setting/setSetting (audit-logged), defaulting to the force profile.
// Layer: kiosk/officer.
#pragma once

#include "content/force_profile.hpp"
#include "kiosk/records/errors.hpp"
#include "kiosk/records/store.hpp"

#include <string>
#include <vector>

namespace kiosk::officer {

enum class PaperSize { A4, Letter };

// Store keys, one per field.
inline constexpr const char* kKeyIdleTimeout = "idle-timeout-seconds";
inline constexpr const char* kKeyIdleCountdown = "idle-countdown-seconds";
inline constexpr const char* kKeyFirstLanguage = "first-language";
inline constexpr const char* kKeyAllowSkipping = "allow-skipping-modules";
inline constexpr const char* kKeyPaperSize = "paper-size";
inline constexpr const char* kKeyLargePrint = "large-print-default";

struct OfficerSettings {
    int idleTimeoutSeconds = 90;    // candidate journey: idle before the "still there?" countdown, 15..3600
    int idleCountdownSeconds = 20;  // the countdown before the journey resets, 5..300
    std::string firstLanguage = "en-GB";  // "en-GB" | "cy"
    bool allowSkippingModules = false;
    PaperSize paperSize = PaperSize::A4;
    bool largePrintDefault = false;

    bool operator==(const OfficerSettings&) const = default;
};

// A setting outside its rule; the message names the key ("idle-timeout-seconds: must be 15 to 3600").
class SettingsInvalid : public records::InputError {
public:
    using records::InputError::InputError;
};

// The force profile's defaults (idle timeouts, first language); A4, no skipping, normal print.
OfficerSettings defaultSettings(const content::ForceProfile& profile);

// Every problem of `s`, each naming its key; empty when valid.
std::vector<std::string> validate(const OfficerSettings& s);

struct LoadedSettings {
    OfficerSettings settings;
    // Stored values that were unreadable or out of range: the default was used instead (for a notice).
    std::vector<std::string> problems;
};

// Stored officer settings over the profile's defaults. Throws records::StoreError only.
LoadedSettings loadSettings(const records::Store& store, const content::ForceProfile& profile);

// Validates `s` (SettingsInvalid listing every problem, nothing saved) and stores each value that differs
// from what is in effect now, one audit row "settings-change" per key by `actor`. Returns keys written.
int saveSettings(records::Store& store, const content::ForceProfile& profile, const OfficerSettings& s,
                 const std::string& actor);

// One setting from text (as `briefing officer settings set KEY VALUE` gives it): parses, validates and
// saves it. SettingsInvalid for an unknown key or a bad value.
void setSettingText(records::Store& store, const content::ForceProfile& profile, const std::string& key,
                    const std::string& value, const std::string& actor);

// Each key with its value as stored text, in a fixed order, for listing.
std::vector<std::pair<std::string, std::string>> settingsText(const OfficerSettings& s);

const char* paperSizeKey(PaperSize p);  // "a4" | "letter"

}  // namespace kiosk::officer
