// Tests of validateCourse: one test per kind of error, each naming the right file and line. [content]
#include "course_fixture.hpp"

#include "content/course.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace bktest;
using content::Severity;

namespace {
const content::Date kToday{2026, 11, 27};

std::vector<content::Diagnostic> validate(const TempCourse& c, const fs::path& profile = kDemoProfile) {
    return content::validateCourse(c.dir(), profile, kToday);
}
}  // namespace

TEST_CASE("the clean fixture course validates with no diagnostics and loads", "[content]") {
    TempCourse c;
    const auto ds = validate(c);
    INFO(describe(ds));
    CHECK(ds.empty());
    const auto course = content::loadCourse(c.dir(), kToday);
    CHECK(course.manifest.version == "2026.9");
    CHECK(course.manifest.modules == std::vector<std::string>{"reporting", "online"});
    REQUIRE(course.modulesIn("cy").size() == 2);
    CHECK(course.modulesIn("cy")[1].title == "Eich ôl troed ar-lein");
    CHECK(course.catalog("cy").get("attract.title") == "Sesiwn friffio diogelwch");
    CHECK(course.findModule("online", "en-GB") != nullptr);
    CHECK(course.findModule("nope", "en-GB") == nullptr);
    const auto stats = content::courseStats(course);
    CHECK(stats.modules == 2);
    CHECK(stats.checks == 2);
    CHECK(stats.scenarios == 1);
    CHECK(stats.words.at("en-GB") > 50);
}

TEST_CASE("an unknown placeholder is an error at its line and column", "[content]") {
    TempCourse c;
    c.replace("modules/online.cy.md", "Chwiliwch am eich", "Chwiliwch {{force.nmae}} am eich");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "modules/online.cy.md", "unknown placeholder '{{force.nmae}}'");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("modules/online.cy.md", "{{force.nmae}}"));
    CHECK(d->col == 11);
    CHECK_THROWS_AS(content::loadCourse(c.dir(), kToday), content::LoadError);
}

TEST_CASE("a force profile of another jurisdiction is an error in the profile", "[content]") {
    TempCourse c;
    fs::create_directories(c.path("forces"));
    fs::copy_file(kDemoProfile, c.path("forces/scotland.toml"));
    c.replace("forces/scotland.toml", "jurisdiction = \"england-and-wales\"", "jurisdiction = \"scotland\"");
    const auto ds = validate(c, c.path("forces/scotland.toml"));
    const auto* d = findDiag(ds, "forces/scotland.toml", "jurisdiction 'scotland' differs from the course's 'england-and-wales'");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("forces/scotland.toml", "jurisdiction ="));
}

TEST_CASE("a module missing in one language is a missing-translation error at its manifest entry", "[content]") {
    TempCourse c;
    fs::remove(c.path("modules/online.cy.md"));
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "course.toml", "missing translation: module 'online' has no cy file");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("course.toml", "modules ="));
    CHECK(d->col == 25);
}

TEST_CASE("a catalog key missing in one language is an error in that catalog", "[content]") {
    TempCourse c;
    c.replace("strings/en-GB.toml", "touch_to_start = \"Touch to start\"\n", "touch_to_start = \"Touch to start\"\nback = \"Back\"\n");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "strings/cy.toml", "missing translation: key 'attract.back'");
    REQUIRE(d);
    CHECK(d->severity == Severity::Error);
}

TEST_CASE("Welsh and English modules with different block kinds are a structure error", "[content]") {
    TempCourse c;
    c.replace("modules/online.cy.md", "> [!TIP] Defnyddiwch gyfrifon ar wahân\n> Cadwch", "Defnyddiwch gyfrifon ar wahân.\n\nCadwch");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "modules/online.cy.md", "structure differs from the reference language: a paragraph where");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("modules/online.cy.md", "Defnyddiwch gyfrifon"));
    CHECK(d->message.find("online.en-GB.md:" + std::to_string(c.lineOf("modules/online.en-GB.md", "> [!TIP]"))) !=
          std::string::npos);
}

TEST_CASE("structure checks compare option count, correct option, verdict and ids", "[content]") {
    TempCourse c;
    const std::string cy = "modules/reporting.cy.md";
    c.replace(cy, "option: Postio amdano\nfeedback: Nid dyma’r ateb gorau.\n", "");  // 2 options where English has 3
    c.replace(cy, "verdict: crime", "verdict: not-crime");            // different verdict
    c.replace("modules/online.cy.md", "correct: Unman cyhoeddus\noption: Ar dudalen eich ymgyrch\nfeedback: Nid dyma’r ateb gorau.",
              "option: Ar dudalen eich ymgyrch\nfeedback: Nid dyma’r ateb gorau.\ncorrect: Unman cyhoeddus");  // correct option moved
    const auto ds = validate(c);
    INFO(describe(ds));
    const auto* options = findDiag(ds, cy, "knowledge check 'when-999' has 2 options, the reference has 3");
    REQUIRE(options);
    CHECK(options->line == c.lineOf(cy, "```check id=when-999"));
    const auto* verdict = findDiag(ds, cy, "scenario 'tyres' has a different verdict");
    REQUIRE(verdict);
    CHECK(verdict->line == c.lineOf(cy, "```scenario id=tyres"));
    const auto* correct = findDiag(ds, "modules/online.cy.md", "correct option is number 2, in the reference number 1");
    REQUIRE(correct);
    CHECK(correct->line == c.lineOf("modules/online.cy.md", "```check"));

    TempCourse ids;
    ids.replace("modules/online.cy.md", "```check id=address", "```check id=cyfeiriad");
    const auto ds2 = validate(ids);
    const auto* id = findDiag(ds2, "modules/online.cy.md", "knowledge check id 'cyfeiriad' where the reference has 'address'");
    REQUIRE(id);
    CHECK(id->line == ids.lineOf("modules/online.cy.md", "```check"));
}

TEST_CASE("knowledge checks need 3 to 4 options and exactly one correct", "[content]") {
    TempCourse c;
    const std::string en = "modules/online.en-GB.md";
    c.replace(en, "option: On your campaign page\nfeedback: This is not the best answer.\n", "");
    const auto ds = validate(c);
    const auto* one = findDiag(ds, en, "needs 3 to 4 options, has 2");
    REQUIRE(one);
    CHECK(one->line == c.lineOf(en, "```check id=address"));

    TempCourse many;
    many.replace(en, "option: On your campaign page\n",
                 "option: On your campaign page\noption: A\nfeedback: a\noption: B\nfeedback: b\n");
    CHECK(findDiag(validate(many), en, "needs 3 to 4 options, has 5"));

    TempCourse two;
    two.replace(en, "option: On your campaign page", "correct: On your campaign page");
    const auto ds2 = validate(two);
    const auto* d = findDiag(ds2, en, "has more than one correct: option");
    REQUIRE(d);
    CHECK(d->line == two.lineOf(en, "correct: On your campaign page"));

    TempCourse none;
    none.replace(en, "correct: Nowhere public", "option: Nowhere public");
    CHECK(findDiag(validate(none), en, "has no correct: option"));
}

TEST_CASE("a duplicate module id is an error at its second manifest entry", "[content]") {
    TempCourse c;
    c.replace("course.toml", "modules = [\"reporting\", \"online\"]", "modules = [\"reporting\", \"online\",\n  \"reporting\"]");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "course.toml", "duplicate module id 'reporting'");
    REQUIRE(d);
    CHECK(d->line == 9);
    CHECK(d->col == 3);
}

TEST_CASE("unknown keys in the manifest and in front matter are errors", "[content]") {
    TempCourse c;
    c.replace("course.toml", "version = ", "colour = \"blue\"\nversion = ");
    c.replace("modules/reporting.en-GB.md", "minutes = 5", "minutes = 5\nauthor = \"me\"");
    const auto ds = validate(c);
    const auto* m = findDiag(ds, "course.toml", "unknown key 'colour'");
    REQUIRE(m);
    CHECK(m->line == c.lineOf("course.toml", "colour"));
    const auto* f = findDiag(ds, "modules/reporting.en-GB.md", "front matter: unknown key 'author'");
    REQUIRE(f);
    CHECK(f->line == 7);
}

TEST_CASE("missing files are reported: manifest, catalog, both module languages", "[content]") {
    TempCourse c;
    fs::remove(c.path("strings/cy.toml"));
    fs::remove(c.path("modules/online.cy.md"));
    fs::remove(c.path("modules/online.en-GB.md"));
    const auto ds = validate(c);
    CHECK(findDiag(ds, "strings/cy.toml", "missing translation: no UI strings for language 'cy'"));
    const auto* d = findDiag(ds, "course.toml", "missing files: module 'online' has no en-GB file");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("course.toml", "modules ="));

    TempCourse noManifest;
    fs::remove(noManifest.path("course.toml"));
    CHECK(findDiag(validate(noManifest), "course.toml", "missing file"));
    CHECK(findDiag(content::validateCourse(noManifest.path("nowhere"), kDemoProfile, kToday), "nowhere",
                   "course folder not found"));
    CHECK(findDiag(validate(c, c.path("forces/none.toml")), "forces/none.toml", "force profile not found"));
}

TEST_CASE("a review_by date in the past is a loud warning, not an error", "[content]") {
    TempCourse c;
    c.replace("course.toml", "review_by = \"2099-05-01\"", "review_by = \"2026-11-02\"");
    const auto ds = content::validateCourse(c.dir(), kDemoProfile, content::Date{2026, 11, 3});
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].severity == Severity::Warning);
    CHECK(ds[0].line == 5);
    CHECK(ds[0].message.find("COURSE REVIEW OVERDUE") != std::string::npos);
    CHECK(ds[0].format().find("course.toml:5:13: warning: COURSE REVIEW OVERDUE") != std::string::npos);
    const auto course = content::loadCourse(c.dir(), content::Date{2026, 11, 3});
    CHECK(course.warnings.size() == 1);
    CHECK(course.reviewOverdue(content::Date{2026, 11, 3}));
    CHECK(content::validateCourse(c.dir(), kDemoProfile, content::Date{2026, 11, 2}).empty());  // due today: fine
}

TEST_CASE("a front matter id that does not match the file name is an error at the id", "[content]") {
    TempCourse c;
    c.replace("modules/online.cy.md", "id = \"online\"", "id = \"ar-lein\"");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, "modules/online.cy.md", "front matter id 'ar-lein' does not match the file name");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->col == 6);
}

TEST_CASE("every problem in the course is reported in one run", "[content]") {
    TempCourse c;
    c.replace("course.toml", "version = ", "colour = 1\nversion = ");
    c.replace("modules/online.en-GB.md", "Look for", "{{nope}} Look for");
    c.replace("modules/reporting.cy.md", "verdict: crime", "verdict: maybe");
    c.write("modules/extra.en-GB.md", "+++\nid = \"extra\"\n+++\nText\n");
    fs::remove(c.path("strings/en-GB.toml"));
    const auto ds = validate(c);
    INFO(describe(ds));
    CHECK(findDiag(ds, "course.toml", "unknown key 'colour'"));
    CHECK(findDiag(ds, "modules/online.en-GB.md", "unknown placeholder"));
    CHECK(findDiag(ds, "modules/reporting.cy.md", "verdict must be crime, not-crime or depends"));
    CHECK(findDiag(ds, "strings/en-GB.toml", "missing translation"));
    const auto* stray = findDiag(ds, "modules/extra.en-GB.md", "module file is not used");
    REQUIRE(stray);
    CHECK(stray->severity == Severity::Warning);
}

TEST_CASE("hostile course files: binary manifest, huge catalog, a folder where a module should be", "[content]") {
    TempCourse binary;
    binary.write("course.toml", std::string("id = \"x\"\n\0\x01\x02\xFF", 13));
    const auto ds1 = validate(binary);
    INFO(describe(ds1));
    REQUIRE(ds1.size() == 1);  // nothing else can be checked without a manifest, and nothing else is claimed
    CHECK(ds1[0].file == binary.path("course.toml").string());
    CHECK(ds1[0].line == 2);

    TempCourse c;
    {
        std::ofstream big(c.path("strings/cy.toml"), std::ios::binary);
        const std::string chunk(1 << 20, '#');
        for (int i = 0; i < 50; ++i) big << chunk;
    }
    fs::remove(c.path("modules/online.cy.md"));
    fs::create_directories(c.path("modules/online.cy.md"));
    const auto ds = validate(c);
    INFO(describe(ds));
    CHECK(findDiag(ds, "strings/cy.toml", "file is too large (52428800 bytes"));
    CHECK(findDiag(ds, "modules/online.cy.md", "not a regular file"));
}
