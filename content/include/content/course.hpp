// A course: manifest (course.toml), modules per language and UI string catalogs, loaded from one folder;
// and the validator behind `briefing check-content`. Layer: content.
// Loading is synchronous and touches only the given folder; a loaded Course is an immutable value, safe to
// read from any thread.
#pragma once

#include "content/catalog.hpp"
#include "content/diagnostic.hpp"
#include "content/document.hpp"
#include "content/force_profile.hpp"

#include <compare>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// A calendar date (no time zone: the law and review dates are whole days).
struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31
    std::string iso() const;  // "2026-11-01"
    auto operator<=>(const Date&) const = default;
    // Parses "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
    static std::optional<Date> parse(std::string_view s);
    // Today's date in UTC.
    static Date today();
};

struct Manifest {
    std::string id;
    std::string version;  // shown on the officer status screen and in every pack's footer
    Date lawAsAt;
    Date reviewBy;
    Jurisdiction jurisdiction = Jurisdiction::EnglandAndWales;
    std::vector<std::string> languages;  // e.g. {"en-GB", "cy"}; the first is the reference for structure
    std::vector<std::string> modules;    // module ids in the order candidates see them
    std::filesystem::path file;          // course.toml
};

struct Course {
    std::filesystem::path dir;
    Manifest manifest;
    // Per language, the modules in manifest order (every language has every module once loaded).
    std::map<std::string, std::vector<Module>, std::less<>> modules;
    std::map<std::string, Catalog, std::less<>> catalogs;
    std::vector<Diagnostic> warnings;  // e.g. review_by has passed; the course still loads

    // The modules in `lang`; throws std::out_of_range for a language the course does not have.
    const std::vector<Module>& modulesIn(std::string_view lang) const;
    // nullptr when there is no such module or language.
    const Module* findModule(std::string_view id, std::string_view lang) const;
    const Catalog& catalog(std::string_view lang) const;  // throws std::out_of_range
    bool reviewOverdue(const Date& today) const { return manifest.reviewBy < today; }
};

// Loads the course in `dir` (dir/course.toml, dir/modules/<id>.<lang>.md, dir/strings/<lang>.toml).
// Throws LoadError carrying every error found (not just the first) when anything is wrong; warnings (such as
// an overdue review) do not stop loading and are kept in Course::warnings. Placeholders stay unresolved:
// call resolvePlaceholders (placeholders.hpp) per module before showing or printing it.
Course loadCourse(const std::filesystem::path& dir);
Course loadCourse(const std::filesystem::path& dir, const Date& today);

// Validates the course in `dir` together with the force profile that will fill its placeholders: every
// problem in one run, errors and warnings, each with file:line:col. An empty `forceProfile` path skips the
// force profile checks. Never throws on bad content (only std::bad_alloc).
std::vector<Diagnostic> validateCourse(const std::filesystem::path& dir, const std::filesystem::path& forceProfile);
std::vector<Diagnostic> validateCourse(const std::filesystem::path& dir, const std::filesystem::path& forceProfile,
                                       const Date& today);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

// Figures for the `check-content` summary.
struct CourseStats {
    std::size_t modules = 0;     // per language
    std::size_t languages = 0;
    std::map<std::string, std::size_t, std::less<>> words;  // per language
    std::size_t checks = 0;      // knowledge checks per language
    std::size_t scenarios = 0;   // scenarios per language
};
CourseStats courseStats(const Course& course);

// Number of words (runs of non-space characters) in a module's title, summary and blocks.
std::size_t wordCount(const Module& module);

}  // namespace content
