// Tests of placeholder resolution: final text for screens and the pack. [content]
#include "course_fixture.hpp"

#include "content/course.hpp"
#include "content/placeholders.hpp"

#include <catch2/catch.hpp>

using namespace bktest;

namespace {

bool anyBraces(const content::Inlines& spans) {
    for (const auto& s : spans)
        if (s.text.find("{{") != std::string::npos || s.link.find("{{") != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("placeholders resolve from the force profile and manifest, per language", "[content]") {
    TempCourse c;
    const auto course = content::loadCourse(c.dir(), content::Date{2026, 11, 27});
    const auto force = content::loadForceProfile(kDemoProfile);

    const auto en = content::resolvePlaceholders(*course.findModule("reporting", "en-GB"), force, course);
    const auto& para = std::get<content::Paragraph>(en.blocks[1]);
    CHECK(para.text[1].text == "999");
    CHECK(para.text[1].strong);
    CHECK(para.text[5].text == "Demoshire Police");
    CHECK(para.text[5].link == "https://www.demoshire.police.example/report");
    const auto& table = std::get<content::Table>(en.blocks[5]);
    CHECK(content::plainText(table.rows[1][1]) == "18000");
    const auto& contact = std::get<content::Paragraph>(en.blocks[7]);
    CHECK(content::plainText(contact.text) ==
          "Detective Inspector Sam Jones on 01632 960123. The law is as at 1 November 2026.");

    const auto cy = content::resolvePlaceholders(*course.findModule("reporting", "cy"), force, course);
    CHECK(std::get<content::Paragraph>(cy.blocks[1]).text[5].text == "Heddlu Demoshire");
    CHECK(content::plainText(std::get<content::Paragraph>(cy.blocks[7]).text).find("1 Tachwedd 2026") != std::string::npos);

    const auto all = content::resolvedModules(course, "cy", force);
    REQUIRE(all.size() == 2);
    CHECK(all[0].title == "Sut i roi gwybod");
    CHECK_THROWS_AS(content::resolvedModules(course, "fr", force), std::out_of_range);

    for (const auto* m : {&en, &cy}) {
        for (const auto& b : m->blocks) {
            if (const auto* p = std::get_if<content::Paragraph>(&b)) CHECK_FALSE(anyBraces(p->text));
            if (const auto* t = std::get_if<content::Table>(&b))
                for (const auto& row : t->rows)
                    for (const auto& cell : row) CHECK_FALSE(anyBraces(cell));
        }
    }
}

TEST_CASE("text resolution keeps unknown placeholders visible and handles spaces", "[content]") {
    const auto force = content::loadForceProfile(kDemoProfile);
    content::Manifest manifest;
    manifest.lawAsAt = {2027, 3, 9};
    manifest.version = "v9";
    CHECK(content::resolvePlaceholders("Call {{ force.reporting.non_emergency }} or {{x.y}}.", "en-GB", force, manifest) ==
          "Call 101 or {{x.y}}.");
    CHECK(content::resolvePlaceholders("{{course.law_as_at}} {{course.version}} {{force.retention_days}}", "cy", force,
                                       manifest) == "9 Mawrth 2027 v9 90");
    const auto refs = content::findPlaceholders("a {{force.name}} b {{open");
    REQUIRE(refs.size() == 2);
    CHECK(refs[0].offset == 2);
    CHECK(refs[0].closed);
    CHECK_FALSE(refs[1].closed);
    for (auto name : content::knownPlaceholders())
        CHECK_FALSE(content::placeholderValue(name, "en-GB", force, manifest).empty());
}
