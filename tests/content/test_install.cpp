// Tests of installing a course atomically and rolling back. [content]
#include "course_fixture.hpp"

#include "content/course.hpp"
#include "content/install.hpp"

#include <catch2/catch.hpp>

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
