// A course: manifest (course.toml), modules per language and UI string catalogs, loaded from one folder;
// and the validator behind `briefing check-content`. Layer: content.
// Loading is synchronous and touches only the given folder; a loaded Course is an immutable value, safe to
// read from any thread.
#pragma once

#include "content/catalog.hpp"
#include "content/date.hpp"
#include "content/diagnostic.hpp"
#include "content/document.hpp"
#include "content/force_profile.hpp"
#include "content/sources.hpp"

#include <compare>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// course.toml. A course folder holds one course per jurisdiction ([courses.<jurisdiction>] tables, or
// one course with top-level jurisdiction, languages and modules); the courses share modules, strings and
// sources. A loaded Manifest describes the one course that was loaded.
struct Manifest {
    std::string id;
    std::string version;  // shown on the officer status screen and in every pack's footer
    Date lawAsAt;
    Date reviewBy;
    Jurisdiction jurisdiction = Jurisdiction::EnglandAndWales;  // of the loaded course
    std::vector<std::string> languages;  // e.g. {"en-GB", "cy"}; the first is the reference for structure
    std::vector<std::string> modules;    // module ids in the order candidates see them
    std::vector<Jurisdiction> jurisdictions;  // every course in the folder, in course.toml order
    std::filesystem::path file;          // course.toml
};

struct Course {
    std::filesystem::path dir;
    Manifest manifest;
    // Per language, the modules in manifest order (every language has every module once loaded).
    std::map<std::string, std::vector<Module>, std::less<>> modules;
    std::map<std::string, Catalog, std::less<>> catalogs;
    Sources sources;                   // sources.toml
    std::vector<Diagnostic> warnings;  // e.g. review_by has passed; the course still loads

    // The modules in `lang`; throws std::out_of_range for a language the course does not have.
    const std::vector<Module>& modulesIn(std::string_view lang) const;
    // nullptr when there is no such module or language.
    const Module* findModule(std::string_view id, std::string_view lang) const;
    const Catalog& catalog(std::string_view lang) const;  // throws std::out_of_range
    bool reviewOverdue(const Date& today) const { return manifest.reviewBy < today; }
    bool hasLanguage(std::string_view lang) const {
        for (const auto& l : manifest.languages)
            if (l == lang) return true;
        return false;
    }
};

// Loads the course in `dir` (dir/course.toml, dir/modules/<id>.<lang>.md, dir/strings/<lang>.toml).
// Throws LoadError carrying every error found (not just the first) when anything is wrong; warnings (such as
// an overdue review) do not stop loading and are kept in Course::warnings. Placeholders stay unresolved:
// call resolvePlaceholders (placeholders.hpp) per module before showing or printing it.
// Without a jurisdiction, the first course listed in course.toml is loaded; the kiosk and the CLI pass the
// force profile's jurisdiction (a folder with no course for it is a LoadError saying so).
Course loadCourse(const std::filesystem::path& dir);
Course loadCourse(const std::filesystem::path& dir, const Date& today);
Course loadCourse(const std::filesystem::path& dir, Jurisdiction jurisdiction);
Course loadCourse(const std::filesystem::path& dir, Jurisdiction jurisdiction, const Date& today);

// The jurisdictions the folder has courses for (empty when course.toml cannot be read).
std::vector<Jurisdiction> courseJurisdictions(const std::filesystem::path& dir);

// Why `profile` cannot be used with `course`: a different jurisdiction, or Welsh missing from a text field
// when the course is in Welsh. Empty when it can.
std::vector<Diagnostic> profileProblems(const ForceProfile& profile, const Course& course);

// Validates every course in `dir` together with force profiles that will fill their placeholders: every
// problem in one run, errors and warnings, each with file:line:col. Each profile is checked against the
// course of its jurisdiction (none: an error) and, when that course is in Welsh, for Welsh in every text
// field. An empty `forceProfile` path skips the force profile checks. Never throws on bad content (only
// std::bad_alloc).
std::vector<Diagnostic> validateCourse(const std::filesystem::path& dir, const std::filesystem::path& forceProfile);
std::vector<Diagnostic> validateCourse(const std::filesystem::path& dir, const std::filesystem::path& forceProfile,
                                       const Date& today);
std::vector<Diagnostic> validateCourse(const std::filesystem::path& dir,
                                       const std::vector<std::filesystem::path>& forceProfiles, const Date& today);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

// Figures for the `check-content` summary.
struct CourseStats {
    std::size_t modules = 0;     // per language
    std::size_t languages = 0;
    std::map<std::string, std::size_t, std::less<>> words;  // per language
    std::size_t checks = 0;      // knowledge checks per language
    std::size_t scenarios = 0;   // scenarios per language
    // Reading age (Flesch-Kincaid grade + 5) of each English module, in course order.
    std::vector<std::pair<std::string, double>> readingAges;
};
CourseStats courseStats(const Course& course);

// Number of words (runs of non-space characters) in a module's title, summary and blocks.
std::size_t wordCount(const Module& module);

}  // namespace content
