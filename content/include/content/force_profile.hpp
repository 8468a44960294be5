// The force profile: facts about one police force, from a TOML file chosen by the machine's settings.
// Layer: content. Plain data; loadForceProfile validates every field it reads.
#pragma once

#include "content/diagnostic.hpp"
#include "content/document.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace content {

// A text in English and Welsh. A force profile may give only English (a force in Scotland or Northern
// Ireland runs English-only courses); a course in Welsh refuses a profile with any Welsh missing
// (welshGaps), so `in("cy")` falls back to English only for a profile that never passed validation.
struct Bilingual {
    std::string en;
    std::string cy;
    SourcePos pos;  // where the field is in the profile, for messages
    const std::string& in(const std::string& lang) const { return lang == "cy" && !cy.empty() ? cy : en; }
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

    // A named police contact for candidates. Neither is for emergencies (999) or for reporting crimes.
    struct Contact {
        Bilingual name;   // "Detective Inspector Sam Jones" / "Ditectif Arolygydd Sam Jones"
        Bilingual role;   // what they do for candidates
        Bilingual hours;  // when they answer: "Monday to Friday, 8am to 6pm"
        std::string phone, email;
    };
    Contact spoc;  // the force's election single point of contact
    Contact feoa;  // the Force Elected-Official Adviser (security advice and briefings for candidates)

    struct Reporting {
        std::string emergency = "999";
        std::string nonEmergency = "101";
        std::string textRelayEmergency = "18000";
        std::string textRelayNonEmergency = "18001 101";
        std::string onlineUrl;
        std::string emergencySms = "999";  // where a registered emergencySMS user texts (and texts "register")
    } reporting;

    struct Privacy {
        Bilingual controller;
        Bilingual dpoContact;
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
// Text fields (names, roles, hours, controller, DPO contact, lawful basis) are either a string (English
// only) or a table `{ en = "...", cy = "..." }`.
ForceProfile loadForceProfile(const std::filesystem::path& file);

// Every text field of `profile` with no Welsh, as an error naming the field: a course in Welsh must show
// the force's details in Welsh too.
std::vector<Diagnostic> welshGaps(const ForceProfile& profile);

// The profile's text fields with their keys, e.g. {"spoc.role", &profile.spoc.role}.
std::vector<std::pair<std::string, const Bilingual*>> textFields(const ForceProfile& profile);

}  // namespace content
