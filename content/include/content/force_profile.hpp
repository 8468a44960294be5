// The force profile: facts about one police force, from a TOML file chosen by the machine's settings.
// Layer: content. Plain data; loadForceProfile validates every field it reads.
#pragma once

#include <filesystem>
#include <string>

namespace content {

struct Bilingual {
    std::string en;
    std::string cy;
    const std::string& in(const std::string& lang) const { return lang == "cy" ? cy : en; }
};

enum class Jurisdiction { EnglandAndWales, Scotland, NorthernIreland };
const char* jurisdictionKey(Jurisdiction j);  // "england-and-wales", "scotland", "northern-ireland"

struct Rgb {
    float r = 0, g = 0, b = 0;  // 0..1
};

struct ForceProfile {
    std::string id;  // short, e.g. "demo"
    Bilingual name;  // "Demoshire Police" / "Heddlu Demoshire"
    Jurisdiction jurisdiction = Jurisdiction::EnglandAndWales;
    Rgb accent{0.0f, 0.2f, 0.45f};
    std::filesystem::path logo;  // absolute, or empty for none

    struct Contact {
        std::string name, role, phone, email;
    } spoc;  // candidate-security lead / single point of contact

    struct Reporting {
        std::string emergency = "999";
        std::string nonEmergency = "101";
        std::string textRelayEmergency = "18000";
        std::string textRelayNonEmergency = "18001 101";
        std::string onlineUrl;
    } reporting;

    struct Privacy {
        std::string controller;
        std::string dpoContact;
        Bilingual lawfulBasis;
        std::string noticeVersion;
    } privacy;

    struct Defaults {
        int retentionDays = 90;
        std::string firstLanguage = "en-GB";
        int idleTimeoutSeconds = 90;
        int idleCountdownSeconds = 20;
    } defaults;

    std::filesystem::path file;  // where it was loaded from
};

// Loads and validates a force profile. Throws LoadError listing every problem (file:line:col).
ForceProfile loadForceProfile(const std::filesystem::path& file);

}  // namespace content
