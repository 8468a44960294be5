// `briefing check-content DIR`, `briefing content install DIR`, `briefing content rollback`: validating a
// course folder and replacing the installed course atomically, keeping the previous one.
#include "commands.hpp"

#include "content/course.hpp"
#include "content/install.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace briefing {
namespace {

using kiosk::config::kExitEnvironment;
using kiosk::config::kExitInvalidInput;
using kiosk::config::kExitOk;

// The force profiles to check the courses against: --force-profile, else one named in kiosk.toml, then
// every profile in DIR/forces/ (the demo profiles, one per jurisdiction); else the settings' default.
std::vector<fs::path> chooseForceProfiles(Context& ctx, const fs::path& dir) {
    std::vector<fs::path> out;
    std::optional<fs::path> fromSettings;
    if (ctx.overrides.forceProfile) {
        out.push_back(*ctx.overrides.forceProfile);
    } else {
        try {
            const auto& s = ctx.settings();
            if (auto it = s.shown.find("force_profile"); it != s.shown.end() && it->second.origin != "default")
                out.push_back(s.forceProfile);
            else
                fromSettings = s.forceProfile;
        } catch (const kiosk::config::SettingsError&) {
            // No configuration to take it from: fall back to the course's own demo profiles.
        }
    }
    std::error_code ec;
    std::vector<fs::path> demos;
    for (fs::directory_iterator it(dir / "forces", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".toml") demos.push_back(it->path());
    std::sort(demos.begin(), demos.end());
    for (auto& d : demos)
        if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    if (out.empty() && fromSettings) out.push_back(*fromSettings);
    if (out.empty()) out.push_back(dir / "forces" / "demo.toml");  // reported as not found
    return out;
}

// The one profile `content install` checks with (the first of the above).
fs::path chooseForceProfile(Context& ctx, const fs::path& dir) { return chooseForceProfiles(ctx, dir).front(); }

void printDiagnostics(const std::vector<content::Diagnostic>& ds) {
    for (const auto& d : ds) std::cerr << d.format() << '\n';
}

std::size_t count(const std::vector<content::Diagnostic>& ds, content::Severity sev) {
    return static_cast<std::size_t>(
        std::count_if(ds.begin(), ds.end(), [sev](const content::Diagnostic& d) { return d.severity == sev; }));
}

int checkContent(Context& ctx, const fs::path& dir) {
    const auto profiles = chooseForceProfiles(ctx, dir);
    const auto diags = content::validateCourse(dir, profiles, content::Date::today());
    printDiagnostics(diags);
    const std::size_t errors = count(diags, content::Severity::Error);
    const std::size_t warnings = count(diags, content::Severity::Warning);
    if (errors > 0) {
        std::cerr << "check-content: " << errors << " error(s), " << warnings << " warning(s) in " << dir.string() << '\n';
        return kExitInvalidInput;
    }
    // One summary per course (jurisdiction) in the folder.
    for (const auto j : content::courseJurisdictions(dir)) {
        const content::Course course = content::loadCourse(dir, j);
        const auto stats = content::courseStats(course);
        const auto& m = course.manifest;
        std::cout << "course " << m.id << " version " << m.version << " for " << content::jurisdictionKey(j) << ": OK\n"
                  << "  law as at: " << m.lawAsAt.iso() << ", review by: " << m.reviewBy.iso()
                  << (course.reviewOverdue(content::Date::today()) ? " (OVERDUE)" : "") << '\n';
        for (const auto& p : profiles) {
            try {
                if (content::loadForceProfile(p).jurisdiction == j) std::cout << "  force profile: " << p.string() << '\n';
            } catch (const content::LoadError&) {
                // Reported above.
            }
        }
        std::cout << "  modules: " << stats.modules << '\n' << "  languages: " << stats.languages << " (";
        for (std::size_t i = 0; i < m.languages.size(); ++i) std::cout << (i ? ", " : "") << m.languages[i];
        std::cout << ")\n  words:";
        for (const auto& lang : m.languages) std::cout << ' ' << lang << ' ' << stats.words.at(lang);
        std::cout << "\n  checks: " << stats.checks << ", scenarios: " << stats.scenarios << " (per language)\n"
                  << "  sources: " << course.sources.size() << '\n'
                  << "  reading age (Flesch-Kincaid grade + 5, English text; target <= 12):\n";
        for (const auto& [id, age] : stats.readingAges) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f", age);
            std::cout << "    " << id << ' ' << buf << '\n';
        }
    }
    std::cout << "warnings: " << warnings << '\n';
    return kExitOk;
}

int exitFor(const content::InstallResult& r) {
    switch (r.status) {
        case content::InstallStatus::Installed: return kExitOk;
        case content::InstallStatus::Invalid: return kExitInvalidInput;
        case content::InstallStatus::Environment: return kExitEnvironment;
    }
    return kExitInvalidInput;
}

}  // namespace

void addContentCommands(CLI::App& app, Context& ctx) {
    auto checkDir = std::make_shared<std::string>();
    CLI::App* check = addCommand(app, ctx, "check-content",
                                 "Validate a course folder: every problem as file:line:col: message on stderr, all in "
                                 "one run; a summary on stdout when clean",
                                 [&ctx, checkDir] { return checkContent(ctx, *checkDir); });
    ctx.setKeyUse(check, KeyUse::None);
    check->add_option("DIR", *checkDir, "Course folder (holding course.toml)")->required();

    CLI::App* content = app.add_subcommand("content", "Install a new course or roll back to the previous one");
    content->require_subcommand(1);
    content->footer(kExitCodesHelp);

    auto installDir = std::make_shared<std::string>();
    CLI::App* install = addCommand(
        *content, ctx, "install",
        "Validate DIR, then replace the installed course (the settings' content_dir) with a copy of it in one "
        "atomic step, keeping the old one as <content_dir>.previous",
        [&ctx, installDir] {
            const fs::path target = ctx.settings().contentDir;
            const auto result = content::installCourse(*installDir, target, chooseForceProfile(ctx, *installDir));
            printDiagnostics(result.diagnostics);
            if (result.status == content::InstallStatus::Installed) std::cout << result.message << '\n';
            else std::cerr << "content install: " << result.message << '\n';
            return exitFor(result);
        });
    ctx.setKeyUse(install, KeyUse::None);
    install->add_option("DIR", *installDir, "The new course folder, e.g. on a USB stick")->required();

    CLI::App* rollback = addCommand(*content, ctx, "rollback",
               "Restore the previous course (<content_dir>.previous); running it again undoes the rollback", [&ctx] {
                   const auto result = content::rollbackCourse(ctx.settings().contentDir);
                   if (result.status == content::InstallStatus::Installed) std::cout << result.message << '\n';
                   else std::cerr << "content rollback: " << result.message << '\n';
                   return exitFor(result);
               });
    ctx.setKeyUse(rollback, KeyUse::None);
}

}  // namespace briefing
