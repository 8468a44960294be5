// Table tests of the journey reducer: every transition, the effects it asks for, and the idle wipe. [flow]
#include "kiosk/flow/journey.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace kiosk::flow;
using namespace std::chrono_literals;

namespace {

Config testConfig() {
    Config c;
    c.idleTimeout = 90s;
    c.idleCountdown = 20s;
    c.noticeVersion = "2026-1";
    c.modules = {{"why", {"q1"}}, {"online", {"q1", "s1"}}};
    return c;
}

State at(Screen screen, Config c = testConfig()) {
    State s = initialState(c);
    s.tokenSeed = "0123456789abcdef0123456789abcdef";
    s.screen = screen;
    s.candidate.consented = !std::holds_alternative<Attract>(screen) && !std::holds_alternative<ChooseLanguage>(screen);
    if (!std::holds_alternative<Attract>(screen) && !std::holds_alternative<ChooseLanguage>(screen) &&
        !std::holds_alternative<PrivacyNotice>(screen) && !std::holds_alternative<CheckIn>(screen))
        s.candidate.candidateId = "cand-1";
    return s;
}

State checkedInWithName() {
    State s = at(CheckIn{});
    s = reduce(s, EditField{Field::Name, "Siân Evans"}).state;
    s = reduce(s, EditField{Field::Constituency, "Ceredigion"}).state;
    return s;
}

template <class T>
bool is(const State& s) {
    return std::holds_alternative<T>(s.screen);
}

template <class T>
const T* effectOf(const Step& step) {
    for (const auto& e : step.effects)
        if (const auto* p = std::get_if<T>(&e)) return p;
    return nullptr;
}

}  // namespace

TEST_CASE("attract -> language on touch, back returns and wipes", "[flow]") {
    State s = initialState({});
    auto step = reduce(s, Touch{});
    CHECK(std::holds_alternative<ChooseLanguage>(step.state.screen));
    step = reduce(step.state, PickLanguage{"cy"});
    CHECK(step.state.lang == "cy");
    step = reduce(step.state, Back{});
    CHECK(std::holds_alternative<Attract>(step.state.screen));
    CHECK(step.state.lang == "en-GB");
    REQUIRE(step.effects.size() == 1);
    CHECK(std::holds_alternative<WipeCandidate>(step.effects[0]));
}

TEST_CASE("an unknown language is ignored", "[flow]") {
    auto step = reduce(reduce(initialState({}), Touch{}).state, PickLanguage{"fr"});
    CHECK(step.state.lang == "en-GB");
}

TEST_CASE("screen transitions: table", "[flow]") {
    struct Row {
        const char* name;
        Screen from;
        Event event;
        std::function<bool(const State&)> expect;
    };
    const std::vector<Row> rows = {
        {"attract touch", Attract{}, Touch{}, is<ChooseLanguage>},
        {"attract back stays", Attract{}, Back{}, is<Attract>},
        {"language start in Welsh", ChooseLanguage{}, StartIn{"cy"},
         [](const State& s) { return is<PrivacyNotice>(s) && s.lang == "cy"; }},
        {"language back", ChooseLanguage{}, Back{}, is<Attract>},
        {"privacy accept", PrivacyNotice{}, AcceptPrivacy{}, is<CheckIn>},
        {"privacy back", PrivacyNotice{}, Back{}, is<ChooseLanguage>},
        {"check-in back", CheckIn{}, Back{}, is<PrivacyNotice>},
        {"check-in saving ignores back", CheckIn{SaveStatus::Saving}, Back{}, is<CheckIn>},
        {"check-in saved", CheckIn{SaveStatus::Saving}, CheckInSaved{"c9"},
         [](const State& s) { return is<ModuleList>(s) && s.candidate.candidateId == "c9"; }},
        {"check-in saved while editing is ignored", CheckIn{}, CheckInSaved{"c9"}, is<CheckIn>},
        {"check-in not saved", CheckIn{SaveStatus::Saving}, NotSaved{"disk full"},
         [](const State& s) {
             return is<CheckIn>(s) && std::get<CheckIn>(s.screen).status == SaveStatus::NotSaved &&
                    s.candidate.lastError == "disk full";
         }},
        {"list open first module", ModuleList{}, OpenModule{0},
         [](const State& s) { return is<ModuleView>(s) && std::get<ModuleView>(s.screen).index == 0; }},
        {"list cannot open second module first", ModuleList{}, OpenModule{1}, is<ModuleList>},
        {"list open out of range", ModuleList{}, OpenModule{7}, is<ModuleList>},
        {"list back", ModuleList{}, Back{}, is<CheckIn>},
        {"list cannot skip to plan", ModuleList{}, ToSafetyPlan{}, is<ModuleList>},
        {"module back", ModuleView{0}, Back{}, is<ModuleList>},
        {"module saving ignores back", ModuleView{0, SaveStatus::Saving}, Back{}, is<ModuleView>},
        {"module saved", ModuleView{0, SaveStatus::Saving}, ModuleSaved{"why"},
         [](const State& s) { return is<ModuleList>(s) && moduleCompleted(s, "why"); }},
        {"module not saved", ModuleView{0, SaveStatus::Saving}, NotSaved{"x"},
         [](const State& s) { return std::get<ModuleView>(s.screen).status == SaveStatus::NotSaved; }},
        {"plan back", SafetyPlanScreen{}, Back{}, is<ModuleList>},
        {"plan to review", SafetyPlanScreen{}, ToReview{}, is<Review>},
        {"plan keep off", SafetyPlanScreen{}, SetKeepPlan{false}, [](const State& s) { return !s.candidate.keepPlan; }},
        {"plan not in pack", SafetyPlanScreen{}, SetPlanInPack{false},
         [](const State& s) { return !s.candidate.planInPack; }},
        {"review back", Review{}, Back{}, is<SafetyPlanScreen>},
        {"review large print", Review{}, SetLargePrint{true}, [](const State& s) { return s.candidate.largePrint; }},
        {"review print", Review{}, RequestPrint{},
         [](const State& s) { return s.candidate.print == PrintStatus::Printing; }},
        {"review finish", Review{}, Finish{}, is<Done>},
        {"done back", Done{}, Back{}, is<Review>},
        {"done start again", Done{}, StartAgain{}, [](const State& s) { return is<Attract>(s) && s.candidate.candidateId.empty(); }},
        {"text size on any screen", ModuleView{1}, SetTextSize{2}, [](const State& s) { return s.candidate.textSize == 2; }},
        {"text size clamps", Review{}, SetTextSize{9}, [](const State& s) { return s.candidate.textSize == 2; }},
        {"high contrast", CheckIn{}, SetHighContrast{true}, [](const State& s) { return s.candidate.highContrast; }},
        {"language switch keeps screen", SafetyPlanScreen{}, PickLanguage{"cy"},
         [](const State& s) { return is<SafetyPlanScreen>(s) && s.lang == "cy"; }},
        {"accept outside privacy ignored", Review{}, AcceptPrivacy{}, is<Review>},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        CHECK(row.expect(reduce(at(row.from), row.event).state));
    }
}

TEST_CASE("nothing is stored before the privacy notice is accepted", "[flow]") {
    State s = initialState(testConfig());
    for (const Event& e : std::vector<Event>{Touch{}, StartIn{"en-GB"}, EditField{Field::Name, "A"}, ConfirmCheckIn{}}) {
        auto step = reduce(s, e);
        CHECK(step.effects.empty());
        s = step.state;
    }
    CHECK(is<PrivacyNotice>(s));
    CHECK(fieldText(s, Field::Name).empty());
    auto step = reduce(s, AcceptPrivacy{});
    CHECK(step.state.candidate.consented);
    CHECK(step.state.candidate.token.size() == 36);
    CHECK(step.state.candidate.focus == Field::Name);
}

TEST_CASE("check-in confirm commits once with the token and sanitised fields", "[flow]") {
    State s = checkedInWithName();
    s.candidate.token = "11111111-2222-4333-8444-555555555555";
    s = reduce(s, EditField{Field::Email, "  sian@example.org "}).state;
    auto step = reduce(s, ConfirmCheckIn{});
    const auto* c = effectOf<CommitCheckIn>(step);
    REQUIRE(c);
    CHECK(c->token == "11111111-2222-4333-8444-555555555555");
    CHECK(c->name == "Siân Evans");
    CHECK(c->constituency == "Ceredigion");
    CHECK(c->email == std::optional<std::string>("sian@example.org"));
    CHECK_FALSE(c->phone);
    CHECK(c->noticeVersion == "2026-1");
    // A second tap while saving asks for nothing more.
    CHECK(reduce(step.state, ConfirmCheckIn{}).effects.empty());
}

TEST_CASE("check-in validation keeps bad input from the store", "[flow]") {
    struct Row {
        Field field;
        std::string value;
        FieldProblem problem;
    };
    const std::vector<Row> rows = {
        {Field::Name, "", FieldProblem::Empty},
        {Field::Name, "   ", FieldProblem::Empty},
        {Field::Name, std::string(121, 'a'), FieldProblem::TooLong},
        {Field::Constituency, "", FieldProblem::Empty},
        {Field::Email, "not-an-email", FieldProblem::BadEmail},
        {Field::Phone, "call me", FieldProblem::BadPhone},
    };
    for (const auto& row : rows) {
        INFO(row.value);
        State s = checkedInWithName();
        s = reduce(s, EditField{row.field, row.value}).state;
        auto step = reduce(s, ConfirmCheckIn{});
        CHECK(step.effects.empty());
        CHECK(step.state.candidate.problems.at(row.field) == row.problem);
        // Editing the field clears its problem.
        CHECK(reduce(step.state, EditField{row.field, "x"}).state.candidate.problems.count(row.field) == 0);
    }
}

TEST_CASE("a name or constituency the pack cannot print asks for a Latin spelling", "[flow]") {
    State s = checkedInWithName();
    // The kiosk sets this from print's font coverage; here: anything with Arabic letters is unprintable.
    s.config.printable = [](std::string_view t) { return t.find("\u0645") == std::string_view::npos; };
    s = reduce(s, EditField{Field::Name, "\u0645\u062d\u0645\u062f"}).state;
    auto step = reduce(s, ConfirmCheckIn{});
    CHECK(step.effects.empty());  // nothing is stored
    CHECK(step.state.candidate.problems.at(Field::Name) == FieldProblem::Unprintable);
    s = reduce(step.state, EditField{Field::Name, "Mohammed Ali"}).state;
    CHECK(effectOf<CommitCheckIn>(reduce(s, ConfirmCheckIn{})));
    // Email and phone are not printed: no such check there.
    s = reduce(s, EditField{Field::Email, "\u0645@example.org"}).state;
    CHECK(reduce(s, ConfirmCheckIn{}).state.candidate.problems.count(Field::Email) == 0);
}

TEST_CASE("typing drops control characters and repairs invalid UTF-8", "[flow]") {
    State s = at(CheckIn{});
    s = reduce(s, EditField{Field::Name, std::string("Ann\x01\x1b[31m\xff Lee\u202e")}).state;
    const std::string& v = fieldText(s, Field::Name);
    CHECK(v.find('\x01') == std::string::npos);
    CHECK(v.find('\x1b') == std::string::npos);
    CHECK(validateField(Field::Name, v) == FieldProblem::None);
    CHECK(validateField(Field::Name, std::string("\xc3\x28", 2)) == FieldProblem::InvalidText);
}

TEST_CASE("after the commit, check-in fields are locked and confirm moves on", "[flow]") {
    State s = at(CheckIn{});
    s.candidate.candidateId = "c1";
    s = reduce(s, EditField{Field::Name, "Changed"}).state;
    CHECK(fieldText(s, Field::Name).empty());
    auto step = reduce(s, ConfirmCheckIn{});
    CHECK(step.effects.empty());
    CHECK(is<ModuleList>(step.state));
}

TEST_CASE("module: answers stand, completion needs every check and saves them", "[flow]") {
    State s = at(ModuleView{1});
    CHECK(reduce(s, CompleteModule{}).effects.empty());  // nothing answered yet
    s = reduce(s, Answer{"q1", 2}).state;
    s = reduce(s, Answer{"q1", 0}).state;  // the first answer stands
    CHECK(answerOf(s, "online", "q1") == 2);
    s = reduce(s, Answer{"nope", 1}).state;
    CHECK_FALSE(answerOf(s, "online", "nope"));
    s = reduce(s, Answer{"s1", 1}).state;
    auto step = reduce(s, CompleteModule{});
    const auto* m = effectOf<SaveModule>(step);
    REQUIRE(m);
    CHECK(m->candidateId == "cand-1");
    CHECK(m->moduleId == "online");
    CHECK(m->answers == std::vector<std::pair<std::string, std::string>>{{"q1", "2"}, {"s1", "1"}});
    CHECK(std::get<ModuleView>(step.state.screen).status == SaveStatus::Saving);
}

TEST_CASE("officer setting: modules may be skipped", "[flow]") {
    Config c = testConfig();
    c.allowSkipModules = true;
    State s = at(ModuleList{}, c);
    CHECK(is<ModuleView>(reduce(s, OpenModule{1}).state));
    CHECK(is<SafetyPlanScreen>(reduce(s, ToSafetyPlan{}).state));
    s = at(ModuleView{0}, c);
    CHECK(effectOf<SaveModule>(reduce(s, CompleteModule{})));  // unanswered checks allowed
}

TEST_CASE("all modules done unlocks the safety plan", "[flow]") {
    State s = at(ModuleList{});
    s.candidate.completed = {"why", "online"};
    CHECK(allModulesCompleted(s));
    CHECK(is<SafetyPlanScreen>(reduce(s, ToSafetyPlan{}).state));
    CHECK(moduleOpenable(s, 1));
}

TEST_CASE("safety plan: saved on the way to review with the keep choice, empty plan saves nothing", "[flow]") {
    State s = at(SafetyPlanScreen{});
    CHECK(reduce(s, ToReview{}).effects.empty());
    s = reduce(s, EditField{Field::PlanPartner, "Dafydd"}).state;
    s = reduce(s, SetKeepPlan{false}).state;
    auto step = reduce(s, ToReview{});
    const auto* p = effectOf<SavePlan>(step);
    REQUIRE(p);
    CHECK_FALSE(p->keep);
    CHECK(p->answers == std::vector<std::pair<std::string, std::string>>{{"canvassing_partner", "Dafydd"}});
    // Check-in fields cannot be edited from the plan screen.
    CHECK(fieldText(reduce(s, EditField{Field::Name, "x"}).state, Field::Name).empty());
}

TEST_CASE("print: effect carries the choices, queued and failed results are shown", "[flow]") {
    State s = at(Review{});
    s.candidate.text[Field::PlanWhoKnows] = "My agent";
    s = reduce(s, SetLargePrint{true}).state;
    auto step = reduce(s, RequestPrint{});
    const auto* p = effectOf<PrintPack>(step);
    REQUIRE(p);
    CHECK(p->candidateId == "cand-1");
    CHECK(p->largePrint);
    CHECK(p->includePlan);
    CHECK(reduce(step.state, RequestPrint{}).effects.empty());  // no second job while printing
    CHECK(is<Done>(reduce(step.state, Finish{}).state));        // never trapped waiting for the printer
    // Queued is not printed: the candidate hears "printing" until the print worker knows more.
    CHECK(reduce(step.state, PrintQueued{}).state.candidate.print == PrintStatus::Printing);
    auto failed = reduce(step.state, PrintFailed{"out of paper"}).state;
    CHECK(failed.candidate.print == PrintStatus::Failed);
    CHECK(failed.candidate.printProblem == "out of paper");
    // After a failure the candidate can try again.
    CHECK(effectOf<PrintPack>(reduce(failed, RequestPrint{})));
}

TEST_CASE("the candidate hears what really happens to their pack, and never asks for it twice", "[flow]") {
    State s = at(Review{});
    s.candidate.candidateId = "cand-1";
    const auto printing = reduce(s, RequestPrint{}).state;
    struct Row {
        PrintStatus news;
        PrintStatus shown;
        bool canAskAgain;
    };
    for (const Row& r : {Row{PrintStatus::Printed, PrintStatus::Printed, true}, Row{PrintStatus::Saved, PrintStatus::Saved, true},
                         Row{PrintStatus::Attention, PrintStatus::Attention, false},
                         Row{PrintStatus::Failed, PrintStatus::Failed, true},
                         Row{PrintStatus::Printing, PrintStatus::Printing, false}}) {
        INFO("news " << static_cast<int>(r.news));
        const auto after = reduce(printing, PrintProgress{r.news, "why"}).state;
        CHECK(after.candidate.print == r.shown);
        CHECK(printInFlight(after) == !r.canAskAgain);
        CHECK(static_cast<bool>(effectOf<PrintPack>(reduce(after, RequestPrint{}))) == r.canAskAgain);
        CHECK(is<Done>(reduce(after, Finish{}).state));
    }
    // The printer needs attention, then prints the kept pack by itself.
    auto attention = reduce(printing, PrintProgress{PrintStatus::Attention, "printer stopped"}).state;
    CHECK(attention.candidate.printProblem == "printer stopped");
    CHECK(is<Review>(reduce(attention, Back{}).state));  // the plan cannot change under a kept pack
    const auto printed = reduce(attention, PrintProgress{PrintStatus::Printed, ""}).state;
    CHECK(printed.candidate.print == PrintStatus::Printed);
    CHECK(printed.candidate.printProblem.empty());
    // Late news never undoes "printed", and news without a request is ignored.
    CHECK(reduce(printed, PrintProgress{PrintStatus::Attention, "late"}).state.candidate.print == PrintStatus::Printed);
    CHECK(reduce(s, PrintProgress{PrintStatus::Printed, ""}).state.candidate.print == PrintStatus::NotRequested);
}

TEST_CASE("print without the plan when the candidate leaves it out", "[flow]") {
    State s = at(Review{});
    s.candidate.text[Field::PlanWhoKnows] = "My agent";
    s.candidate.planInPack = false;
    const auto step = reduce(s, RequestPrint{});  // keep the step alive: p points into its effects
    const auto* p = effectOf<PrintPack>(step);
    REQUIRE(p);
    CHECK_FALSE(p->includePlan);
}

TEST_CASE("idle: countdown after the timeout, then wipe and attract, driven by ticks", "[flow]") {
    State s = checkedInWithName();
    s.candidate.candidateId = "c1";
    s.screen = ModuleView{0};
    s = reduce(s, Tick{60s}).state;
    CHECK_FALSE(s.countdown);
    s = reduce(s, UserActivity{}).state;  // input resets the timer
    s = reduce(s, Tick{89s}).state;
    CHECK_FALSE(s.countdown);
    s = reduce(s, Tick{1s}).state;
    REQUIRE(s.countdown);
    CHECK(countdownSeconds(s) == 20);
    CHECK(is<ModuleView>(s));
    s = reduce(s, Tick{15s}).state;
    CHECK(countdownSeconds(s) == 5);
    auto step = reduce(s, Tick{5s});
    CHECK(is<Attract>(step.state));
    REQUIRE(step.effects.size() == 1);
    CHECK(std::holds_alternative<WipeCandidate>(step.effects[0]));
    CHECK(fieldText(step.state, Field::Name).empty());
    CHECK(step.state.candidate.candidateId.empty());
    CHECK_FALSE(step.state.countdown);
}

TEST_CASE("idle: any input during the countdown keeps everything", "[flow]") {
    State s = checkedInWithName();
    s.lang = "cy";
    s = reduce(s, Tick{95s}).state;
    REQUIRE(s.countdown);
    s = reduce(s, UserActivity{}).state;
    CHECK_FALSE(s.countdown);
    CHECK(fieldText(s, Field::Name) == "Siân Evans");
    CHECK(s.lang == "cy");
    CHECK(is<CheckIn>(s));
}

TEST_CASE("idle: text size and high contrast reset on wipe", "[flow]") {
    State s = at(Review{});
    s = reduce(s, SetTextSize{2}).state;
    s = reduce(s, SetHighContrast{true}).state;
    s = reduce(s, Tick{200s}).state;
    CHECK(is<Attract>(s));
    CHECK(s.candidate.textSize == 0);
    CHECK_FALSE(s.candidate.highContrast);
}

TEST_CASE("the attract screen needs no ticks and never times out", "[flow]") {
    State s = initialState({});
    CHECK_FALSE(needsTicks(s));
    auto step = reduce(s, Tick{1h});
    CHECK(std::holds_alternative<Attract>(step.state.screen));
    CHECK(step.effects.empty());
}

TEST_CASE("progress indicator steps", "[flow]") {
    CHECK(progress(at(Attract{})).total == 0);
    CHECK(progress(at(ChooseLanguage{})).step == 1);
    CHECK(progress(at(CheckIn{})).step == 3);
    CHECK(progress(at(ModuleView{0})).step == 4);
    CHECK(progress(at(Done{})).step == 7);
    CHECK(progress(at(Done{})).total == 7);
}

TEST_CASE("tokens are UUID-shaped and differ per candidate", "[flow]") {
    State s = at(PrivacyNotice{});
    const std::string t1 = reduce(s, AcceptPrivacy{}).state.candidate.token;
    s.tokenCounter = 1;
    const std::string t2 = reduce(s, AcceptPrivacy{}).state.candidate.token;
    CHECK(t1 != t2);
    CHECK(t1[8] == '-');
    CHECK(t1[14] == '4');
}

TEST_CASE("on-screen keyboard: focus, keys, shift once, backspace by code point", "[flow]") {
    State s = at(CheckIn{});
    CHECK(reduce(s, KeyText{"a"}).state.candidate.text.empty());  // no box focused: nothing typed
    s = reduce(s, FocusField{Field::Name}).state;
    s = reduce(s, ToggleShift{}).state;
    CHECK(s.candidate.shift);
    s = reduce(s, KeyText{"S"}).state;
    CHECK_FALSE(s.candidate.shift);
    s = reduce(s, KeyText{"i"}).state;
    s = reduce(s, KeyText{"ŵ"}).state;
    CHECK(fieldText(s, Field::Name) == "Siŵ");
    s = reduce(s, KeyBackspace{}).state;
    CHECK(fieldText(s, Field::Name) == "Si");
    s = reduce(s, ToggleAccents{}).state;
    CHECK(s.candidate.accents);
    // The plan's boxes cannot be focused from the check-in screen.
    CHECK(reduce(s, FocusField{Field::PlanPartner}).state.candidate.focus == Field::Name);
}
