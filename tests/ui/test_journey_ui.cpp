// Headless UI tests of the whole candidate journey: touches, on-screen typing, answers, printing, idle
// wipe; records asserted in a real attendance store. [ui]
#include "journey_fixture.hpp"

#include "content/text.hpp"
#include "kiosk/app/gallery.hpp"
#include "kiosk/officer/settings.hpp"
#include "kiosk/ui/view.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <set>

using namespace kiosk;
using test::Kiosk;
using namespace std::chrono_literals;

namespace {

// From attract to a committed check-in, typing the name on the on-screen keyboard.
void checkIn(Kiosk& k, const std::string& lang, const std::string& name, const std::string& constituency) {
    k.startIn(lang);
    REQUIRE(k.on<flow::CheckIn>());
    k.tap("field:name");
    k.typeOnScreen(name);
    k.tap("field:constituency");
    k.typeOnScreen(constituency);
    k.tap(lang == "cy" ? "Cadarnhau a pharhau" : "Confirm and continue");
}

void finishModule(Kiosk& k, const std::string& lang) {
    k.tap(lang == "cy" ? "Rydw i wedi gorffen y rhan hon" : "I have finished this part");
}

}  // namespace

TEST_CASE("English candidate: attract to printed pack by touch, records in the store", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Zoe Smith", "Bristol Central");
    REQUIRE(k.on<flow::ModuleList>());
    const auto roster = k.store->roster(k.store->listSessions().at(0).id);
    REQUIRE(roster.size() == 1);
    CHECK(roster[0].name == "Zoe Smith");
    CHECK(roster[0].constituency == "Bristol Central");
    CHECK(roster[0].language == "en-GB");
    for (int i = 0; i < static_cast<int>(k.englishModules.size()); ++i) {
        k.tap("module:" + k.module(i).id);
        REQUIRE(k.on<flow::ModuleView>());
        k.answerAll(true);
        finishModule(k, "en-GB");
        REQUIRE(k.on<flow::ModuleList>());
    }
    CHECK(k.store->roster(roster[0].checkedInAt.empty() ? "" : k.store->listSessions().at(0).id)[0].modulesCompleted.size() ==
          k.englishModules.size());
    k.tap("Continue to my safety plan");
    REQUIRE(k.on<flow::SafetyPlanScreen>());
    k.tap("Continue to printing");
    REQUIRE(k.on<flow::Review>());
    k.tap("Print my pack");
    CHECK(k.state.candidate.print == flow::PrintStatus::Queued);
    CHECK(k.shows("status:queued"));
    const auto jobs = k.store->listPrintJobs();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].candidateId == k.state.candidate.candidateId);
    k.tap("Finish");
    CHECK(k.on<flow::Done>());
    k.tap("Finish and clear the screen");
    CHECK(k.on<flow::Attract>());
    CHECK(k.wipes == 1);
}

TEST_CASE("Welsh candidate: journey in Cymraeg with a Welsh name typed on screen", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "cy", "Siân Ŵyn", "Ceredigion");
    REQUIRE(k.on<flow::ModuleList>());
    const auto sub = k.store->subjectAccess(k.state.candidate.candidateId);
    CHECK(sub.name == "Siân Ŵyn");
    CHECK(sub.language == "cy");
    CHECK(sub.consentNoticeVersion == k.force.privacy.noticeVersion);
    k.tap("module:" + k.module(0).id);
    k.answerAll(true);
    finishModule(k, "cy");
    k.tap("Ymlaen i'm cynllun diogelwch");
    k.tap("Ymlaen i argraffu");
    k.tap("Argraffu fy mhecyn");
    const auto* p = k.lastEffect<flow::PrintPack>();
    REQUIRE(p);
    CHECK(p->lang == "cy");
    CHECK(k.store->listPrintJobs().size() == 1);
    k.tap("Gorffen");
    CHECK(k.on<flow::Done>());
}

TEST_CASE("on-screen keyboard: shift gives one capital, accents page gives Welsh letters", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.tap("field:name");
    k.typeOnScreen("Gwenllïan ŵ ŷ Ñ");
    CHECK(flow::fieldText(k.state, flow::Field::Name) == "Gwenllïan ŵ ŷ Ñ");
    k.tap("key:backspace");
    CHECK(flow::fieldText(k.state, flow::Field::Name) == "Gwenllïan ŵ ŷ ");
}

TEST_CASE("on-screen keyboard keys are large touch targets", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.settle();
    const float em = k.h.fonts().em;
    for (const char* key : {"key:q", "key:shift", "key:space", "key:backspace", "key:accents"}) {
        INFO(key);
        CHECK(k.h.rectOf(key).height() >= 1.75f * em);
        CHECK(k.h.rectOf(key).width() >= 48.0f);
    }
}

TEST_CASE("physical keyboard typing reaches the focused box", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.h.click("field:constituency", k.draw());
    k.apply();
    k.h.type("Cardiff North", k.draw());
    k.apply();
    CHECK(flow::fieldText(k.state, flow::Field::Constituency) == "Cardiff North");
}

TEST_CASE("check-in: empty name is refused on screen and nothing is stored", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.tap("Confirm and continue");
    CHECK(k.on<flow::CheckIn>());
    CHECK(k.shows("problem:name"));
    CHECK(k.shows("problem:constituency"));
    CHECK(k.store->listSessions().empty());
}

TEST_CASE("check-in: a bad email is explained and the candidate can fix it", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.send(flow::EditField{flow::Field::Constituency, "Gower"});
    k.send(flow::EditField{flow::Field::Email, "ann at home"});
    k.tap("Confirm and continue");
    CHECK(k.shows("problem:email"));
    k.send(flow::EditField{flow::Field::Email, "ann@example.org"});
    k.tap("Confirm and continue");
    CHECK(k.on<flow::ModuleList>());
    CHECK(k.store->subjectAccess(k.state.candidate.candidateId).email == std::optional<std::string>("ann@example.org"));
}

TEST_CASE("check-in: when the store cannot save, the screen says so and keeps the details", "[ui]") {
    Kiosk k(false);  // no store: every save fails
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.send(flow::EditField{flow::Field::Constituency, "Gower"});
    k.tap("Confirm and continue");
    CHECK(k.on<flow::CheckIn>());
    CHECK(k.shows("status:not-saved"));
    CHECK(flow::fieldText(k.state, flow::Field::Name) == "Ann Lee");
    CHECK_NOTHROW(k.h.rectOf("Try again"));
}

TEST_CASE("check-in: the data folder deleted under the kiosk is never shown as saved (issue 15)", "[ui]") {
    Kiosk k;
    std::filesystem::remove_all(k.folder.path() / "data");
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.send(flow::EditField{flow::Field::Constituency, "Gower"});
    k.tap("Confirm and continue");
    CHECK(k.on<flow::CheckIn>());  // not on to the modules: the check-in went nowhere
    CHECK(k.shows("status:not-saved"));
    CHECK(k.store->fileProblem().has_value());  // what kiosk/main turns into the officer notice
}

TEST_CASE("check-in: confirming twice commits once (idempotency token)", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.send(flow::EditField{flow::Field::Constituency, "Gower"});
    k.tap("Confirm and continue");
    k.tap("Back");  // back to check-in: already committed
    CHECK(k.on<flow::CheckIn>());
    k.tap("Confirm and continue");
    CHECK(k.on<flow::ModuleList>());
    CHECK(k.store->roster(k.store->listSessions().at(0).id).size() == 1);
}

TEST_CASE("knowledge check answered right: kind feedback and the answer saved with the module", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("module:" + k.module(0).id);
    k.answerAll(true);
    CHECK(k.shows("feedback:right"));
    CHECK_FALSE(k.shows("feedback:wrong"));
    finishModule(k, "en-GB");
    const auto sub = k.store->subjectAccess(k.state.candidate.candidateId);
    REQUIRE(sub.modules.size() == 1);
    CHECK(sub.modules[0].moduleId == k.module(0).id);
    CHECK_FALSE(sub.modules[0].answers.empty());
}

TEST_CASE("knowledge check answered wrong: feedback explains, and the first answer stands", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("module:" + k.module(0).id);
    k.answerAll(false);
    CHECK(k.shows("feedback:wrong"));
    const auto& m = k.module(0);
    for (const auto& b : m.blocks)
        if (const auto* q = std::get_if<content::KnowledgeCheck>(&b)) {
            const auto before = flow::answerOf(k.state, m.id, q->id);
            REQUIRE(before);
            CHECK(*before != q->correct);
            k.tap("option:" + m.id + "/" + q->id + "/" + std::to_string(q->correct));
            CHECK(flow::answerOf(k.state, m.id, q->id) == before);
            break;
        }
}

TEST_CASE("a module cannot be finished before its questions are answered (no skipping)", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("module:" + k.module(0).id);
    k.tap("I have finished this part");
    CHECK(k.on<flow::ModuleView>());
    CHECK(k.lastEffect<flow::SaveModule>() == nullptr);
}

TEST_CASE("module list: a later module stays locked until the earlier ones are done", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("module:" + k.module(2).id);
    CHECK(k.on<flow::ModuleList>());
    k.tap("Continue to my safety plan");
    CHECK(k.on<flow::ModuleList>());
}

TEST_CASE("check-in: a name in a script the pack cannot print asks for a Latin spelling", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.tap("field:name");
    k.h.type("\u0645\u062d\u0645\u062f", k.draw());  // typed on a physical keyboard: Arabic letters
    k.apply();
    k.tap("field:constituency");
    k.typeOnScreen("Cardiff");
    k.tap("Confirm and continue");
    CHECK(k.on<flow::CheckIn>());  // nothing committed
    CHECK(k.state.candidate.problems.at(flow::Field::Name) == flow::FieldProblem::Unprintable);
    CHECK(k.store->listSessions().empty());
}

TEST_CASE("officer setting allows skipping: any module opens", "[ui]") {
    Kiosk k;
    k.store->setSetting(kiosk::officer::kKeyAllowSkipping, "true", "test");
    k.state.config = app::makeFlowConfig(k.force, k.englishModules, k.store.get());
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("module:" + k.module(3).id);
    CHECK(k.on<flow::ModuleView>());
}

TEST_CASE("safety plan: typed on screen, print only, saved with keep=false", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("Continue to my safety plan");
    k.tap("field:plan-partner");
    k.typeOnScreen("Dafydd");
    k.tap("plan:print-only");
    k.tap("Continue to printing");
    const auto plan = k.store->safetyPlan(k.state.candidate.candidateId);
    REQUIRE(plan);
    CHECK_FALSE(plan->keep);
    REQUIRE(plan->answers.size() == 1);
    CHECK(plan->answers[0].answer == "Dafydd");
}

TEST_CASE("review: large print and plan left out reach the print request", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("Continue to my safety plan");
    k.send(flow::EditField{flow::Field::PlanWhoKnows, "My agent"});
    k.tap("plan:in-pack");
    k.tap("Continue to printing");
    k.tap("large-print");
    k.tap("Print my pack");
    const auto* p = k.lastEffect<flow::PrintPack>();
    REQUIRE(p);
    CHECK(p->largePrint);
    CHECK_FALSE(p->includePlan);
    CHECK(p->candidateId == k.state.candidate.candidateId);
}

TEST_CASE("review: printing, then the printer fails: ask staff, try again", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    k.tap("Continue to my safety plan");
    k.tap("Continue to printing");
    // The result of the print effect is fed in by hand here, as the printer would.
    k.state = flow::reduce(std::move(k.state), flow::RequestPrint{}).state;
    CHECK(k.shows("status:printing"));
    k.send(flow::PrintFailed{"out of paper"});
    CHECK(k.shows("status:print-failed"));
    CHECK(k.shows("status:no-email"));
    k.tap("Print my pack");
    CHECK(k.state.candidate.print == flow::PrintStatus::Queued);
}

TEST_CASE("language switch on the check-in screen keeps the typed name", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.tap("Cymraeg");
    CHECK(k.state.lang == "cy");
    CHECK(k.on<flow::CheckIn>());
    CHECK(flow::fieldText(k.state, flow::Field::Name) == "Ann Lee");
    CHECK(k.shows("Cadarnhau a pharhau"));
    k.tap("English");
    CHECK(k.shows("Confirm and continue"));
}

TEST_CASE("Escape is back on every screen", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.settle();
    k.h.pressKey(ImGuiKey_Escape, k.draw());
    k.apply();
    CHECK(k.on<flow::PrivacyNotice>());
    k.settle();
    k.h.pressKey(ImGuiKey_Escape, k.draw());
    k.apply();
    CHECK(k.on<flow::ChooseLanguage>());
}

TEST_CASE("keyboard only: arrows move focus and Space activates", "[ui]") {
    Kiosk k;
    k.tap("attract");
    k.settle();
    for (int i = 0; i < 3; ++i) k.h.pressKey(ImGuiKey_DownArrow, k.draw());
    k.h.pressKey(ImGuiKey_Space, k.draw());
    k.apply();
    CHECK_FALSE(k.on<flow::ChooseLanguage>());  // a language button (or Back) was activated by keys alone
}

TEST_CASE("text size A+ and A++ make text and targets larger, for this candidate only", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.settle();
    const float before = k.h.rectOf("key:q").height();
    k.tap("text-size");
    k.tap("text-size");
    CHECK(k.state.candidate.textSize == 2);
    k.settle();
    CHECK(k.h.rectOf("key:q").height() > before * 1.3f);
    k.send(flow::Tick{k.state.config.idleTimeout + k.state.config.idleCountdown});
    CHECK(k.state.candidate.textSize == 0);
}

TEST_CASE("high contrast toggles the theme and the button says how to go back", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.tap("contrast");
    CHECK(k.state.candidate.highContrast);
    k.settle();
    CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x == Approx(0.0f));
    k.tap("contrast");
    CHECK_FALSE(k.state.candidate.highContrast);
}

TEST_CASE("idle: the countdown appears and 'I'm still here' keeps everything", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.send(flow::EditField{flow::Field::Name, "Ann Lee"});
    k.send(flow::Tick{k.state.config.idleTimeout});
    CHECK(k.shows("countdown"));
    k.tap("I'm still here");
    CHECK_FALSE(k.state.countdown);
    CHECK(flow::fieldText(k.state, flow::Field::Name) == "Ann Lee");
}

TEST_CASE("idle: after the countdown the candidate is wiped, ImGui input state too, records stay", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    const std::string id = k.state.candidate.candidateId;
    k.send(flow::Back{});  // back to the check-in screen, a text box active with the name in ImGui's copy
    k.h.click("field:name", k.draw());
    k.h.type("x", k.draw());
    for (int t = 0; t < 12; ++t) k.send(flow::Tick{10s});
    CHECK(k.on<flow::Attract>());
    CHECK(k.wipes == 1);
    CHECK(flow::fieldText(k.state, flow::Field::Name).empty());
    CHECK(k.state.candidate.candidateId.empty());
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    CHECK(g.ActiveId == 0);
    CHECK(g.InputTextState.ID == 0);
    CHECK(g.InputTextState.TextW.Size == 0);
    CHECK(k.store->subjectAccess(id).name == "Ann Lee");
}

TEST_CASE("invalid UTF-8 in a box never reaches ImGui's text input", "[ui]") {
    Kiosk k;
    k.startIn("en-GB");
    k.state.candidate.text[flow::Field::Name] = std::string("Ann\xff\xfe Lee");  // bypasses the reducer
    k.h.click("field:name", k.draw());
    k.h.frame(k.draw());
    k.h.type("!", k.draw());
    k.apply();
    CHECK(content::text::isValidUtf8(flow::fieldText(k.state, flow::Field::Name)));
}

TEST_CASE("every target on every screen is at least 1.75 em and 48 px tall", "[ui]") {
    for (const auto& size : {std::pair{1920.0f, 1080.0f}, std::pair{1366.0f, 768.0f}}) {
        Kiosk k(true, size.first, size.second);
        const float em = k.h.fonts().em;
        k.state.config.allowSkipModules = true;
        checkIn(k, "en-GB", "Ann", "Gower");
        for (auto screen : std::vector<flow::Screen>{flow::PrivacyNotice{}, flow::CheckIn{}, flow::ModuleList{},
                                                     flow::ModuleView{1}, flow::SafetyPlanScreen{}, flow::Review{},
                                                     flow::Done{}}) {
            k.state.screen = screen;
            k.settle();
            for (const auto& [label, r] : k.h.probe().all()) {
                if (label.rfind("status:", 0) == 0 || label.rfind("problem:", 0) == 0 ||
                    label.rfind("feedback:", 0) == 0)
                    continue;  // text, not a target
                INFO(flow::screenName(screen) << " " << label << " at " << size.second);
                CHECK(r.height() >= 1.75f * em - 0.5f);
                if (size.second >= 1080.0f) CHECK(r.height() >= 48.0f);
            }
        }
    }
}

TEST_CASE("module text keeps a readable line length", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann", "Gower");
    k.settle();
    const float em = k.h.fonts().em;
    // About 70 characters of body text: 31 em at Briefing Sans' (DejaVu Sans') average width of ~0.45 em for English.
    CHECK(k.h.rectOf("module:" + k.module(0).id).width() <= 31.0f * em + 1.0f);
    ImFont* body = k.h.fonts().body;
    const char* sample = "the quick brown fox jumps over the lazy dog";
    const float avg = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0.0f, sample).x / 43.0f;
    CHECK(31.0f * em / avg <= 72.0f);
}

TEST_CASE("drag and the scroll buttons both scroll a long module", "[ui]") {
    Kiosk k;
    k.state.config.allowSkipModules = true;
    checkIn(k, "en-GB", "Ann", "Gower");
    k.tap("module:" + k.module(0).id);
    k.settle();
    REQUIRE(k.h.probe().find("scroll-down"));
    const std::string firstOption = [&] {
        for (const auto& b : k.module(0).blocks)
            if (const auto* q = std::get_if<content::KnowledgeCheck>(&b)) return "option:" + k.module(0).id + "/" + q->id + "/0";
        return std::string();
    }();
    REQUIRE_FALSE(firstOption.empty());
    const float y0 = k.h.rectOf(firstOption).y0;
    k.h.click("scroll-down", k.draw());
    k.settle();
    const float y1 = k.h.rectOf(firstOption).y0;
    CHECK(y1 < y0 - 100.0f);
    // Drag upwards with a finger: the content follows.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {200, 600};
    k.h.frame(k.draw());
    io.MouseDown[0] = true;
    for (int i = 0; i < 10; ++i) {
        io.MousePos.y -= 30;
        k.h.frame(k.draw());
    }
    io.MouseDown[0] = false;
    k.h.frame(k.draw());
    k.events.clear();
    CHECK(k.h.rectOf(firstOption).y0 < y1 - 100.0f);
}

TEST_CASE("every text and background pair meets WCAG 2.1 AA in both themes", "[ui]") {
    const auto force = content::loadForceProfile(test::kCourseDir + "/forces/demo.toml");
    for (bool hc : {false, true}) {
        for (const auto& p : ui::textPairs(ui::makeTheme(force.accent, hc))) {
            INFO((hc ? "high contrast: " : "normal: ") << p.name);
            CHECK(ui::contrastRatio(p.text, p.background) >= 4.5);
        }
    }
    // A pale force colour still gets readable button text.
    const auto pale = ui::makeTheme({0.95f, 0.85f, 0.3f}, false);
    CHECK(ui::contrastRatio(pale.onAccent, pale.accent) >= 4.5);
}

TEST_CASE("contrast ratio matches WCAG's reference values", "[ui]") {
    CHECK(ui::contrastRatio({0, 0, 0, 1}, {1, 1, 1, 1}) == Approx(21.0));
    CHECK(ui::contrastRatio({1, 1, 1, 1}, {1, 1, 1, 1}) == Approx(1.0));
    CHECK(ui::contrastRatio({0.4627f, 0.4627f, 0.4627f, 1}, {1, 1, 1, 1}) == Approx(4.54).epsilon(0.01));
}

TEST_CASE("gallery states reach every screen and draw without events", "[ui]") {
    Kiosk k;
    std::set<std::string> screens;
    for (const auto& shot : app::galleryShots(k.state.config, k.englishModules, "cy", true)) {
        screens.insert(flow::screenName(shot.state.screen));
        k.state = shot.state;
        k.settle();
        CHECK(k.state.candidate.highContrast);
    }
    for (const char* s : {"attract", "language", "privacy", "check-in", "modules", "module", "safety-plan", "review", "done"})
        CHECK(screens.count(s) == 1);
}

TEST_CASE("every module of the shipped course can be answered by touch in the shuffled order and finished", "[ui]") {
    Kiosk k;
    checkIn(k, "en-GB", "Ann Lee", "Gower");
    for (int i = 0; i < static_cast<int>(k.englishModules.size()); ++i) {
        INFO(k.module(i).id);
        k.tap("module:" + k.module(i).id);
        k.answerAll(i % 2 == 0);
        for (const auto& b : k.module(i).blocks)
            if (const auto* q = std::get_if<content::KnowledgeCheck>(&b)) {
                INFO(q->id);
                CHECK(flow::answerOf(k.state, k.module(i).id, q->id));
            }
        k.tap("I have finished this part");
        REQUIRE(k.on<flow::ModuleList>());
    }
}
