// Tests of installing a course atomically and rolling back. [content]
#include "course_fixture.hpp"

#include "content/course.hpp"
#include "content/install.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sys/stat.h>

using namespace bktest;

TEST_CASE("install keeps the previous course and rollback swaps them back", "[content]") {
    TempCourse v1;
    TempCourse v2;
    v2.replace("course.toml", "version = \"2026.9\"", "version = \"2027.1\"");
    TempCourse bad;
    bad.replace("modules/online.cy.md", "```check id=address", "```check id=other");
    const fs::path target = v1.dir().parent_path() / "installed" / "course";

    auto r = content::installCourse(v1.dir(), target, kDemoProfile);
    INFO(r.message << "\n" << describe(r.diagnostics));
    REQUIRE(r.status == content::InstallStatus::Installed);
    CHECK(content::loadCourse(target).manifest.version == "2026.9");
    CHECK_FALSE(fs::exists(content::previousCourseDir(target)));

    r = content::installCourse(v2.dir(), target, kDemoProfile);
    REQUIRE(r.status == content::InstallStatus::Installed);
    CHECK(content::loadCourse(target).manifest.version == "2027.1");
    CHECK(content::loadCourse(content::previousCourseDir(target)).manifest.version == "2026.9");

    r = content::installCourse(bad.dir(), target, kDemoProfile);
    CHECK(r.status == content::InstallStatus::Invalid);
    CHECK(hasErrors(r.diagnostics));
    CHECK(content::loadCourse(target).manifest.version == "2027.1");  // untouched

    r = content::rollbackCourse(target);
    REQUIRE(r.status == content::InstallStatus::Installed);
    CHECK(content::loadCourse(target).manifest.version == "2026.9");
    CHECK(content::loadCourse(content::previousCourseDir(target)).manifest.version == "2027.1");

    // Nothing is left behind beside the course but the course and its previous version.
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(target.parent_path())) ++entries;
    CHECK(entries == 2);
    fs::remove_all(target.parent_path());
}

TEST_CASE("rollback without a previous course is refused", "[content]") {
    TempCourse c;
    const auto r = content::rollbackCourse(c.dir());
    CHECK(r.status == content::InstallStatus::Invalid);
    CHECK(r.message.find("no previous course") != std::string::npos);
    CHECK(content::installCourse(c.dir(), c.dir(), kDemoProfile).status == content::InstallStatus::Invalid);
}

TEST_CASE("a course holding a symbolic link or a FIFO is refused, nothing is read through the link or copied",
          "[content]") {
    TempCourse c;
    const fs::path outside = c.dir().parent_path() / "not-course-secret.txt";
    { std::ofstream(outside) << "root:SECRET-HASH:19000:0:99999:7:::\n"; }
    const fs::path target = c.dir().parent_path() / "installed-links" / "course";
    SECTION("a file linked to one outside the course") {
        fs::create_symlink(outside, c.path("strings/notes.txt"));
    }
    SECTION("a module replaced by a link to a file outside") {
        const fs::path module = *fs::directory_iterator(c.path("modules"));
        fs::remove(module);
        fs::create_symlink(outside, module);
    }
    SECTION("a folder linked to one outside") { fs::create_directory_symlink("/etc", c.path("modules/etc")); }
    SECTION("a FIFO") { REQUIRE(::mkfifo(c.path("strings/pipe").c_str(), 0600) == 0); }
    const auto problems = content::validateCourse(c.dir(), kDemoProfile);
    REQUIRE(hasErrors(problems));
    INFO(describe(problems));
    CHECK(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("plain files and folders"));
    CHECK(problems[0].format().find("SECRET-HASH") == std::string::npos);
    const auto r = content::installCourse(c.dir(), target, kDemoProfile);
    CHECK(r.status == content::InstallStatus::Invalid);
    CHECK_FALSE(fs::exists(target));
    // Nothing beside the target either: no staging copy was made.
    CHECK_FALSE(fs::exists(target.parent_path()));
    fs::remove(outside);
}
