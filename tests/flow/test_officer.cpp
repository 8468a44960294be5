// Tests of officer mode's reducer: entry, PIN pad, lock and auto-lock, role filtering, the keyboard,
// sessions, roster edits and presenter mode, checked through the effects each event asks for. [flow]
#include "kiosk/flow/officer.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::flow;
using namespace std::chrono_literals;

namespace {

OfficerConfig testConfig() {
    OfficerConfig c;
    c.modules = {{"why", {"q1"}}, {"online", {"q1", "s1"}}, {"reporting", {}}};
    c.autoLockAfter = 120s;
    return c;
}

OfficerStep run(OfficerState s, std::initializer_list<OfficerEvent> events) {
    OfficerStep step{std::move(s), {}};
    for (const auto& e : events) {
        auto next = reduceOfficer(std::move(step.state), e);
        step.state = std::move(next.state);
        step.effects = std::move(next.effects);
    }
    return step;
}

const std::vector<OfficerAccount> kAccounts = {{"Alys", OfficerRole::Officer}, {"Desk", OfficerRole::PrintOperator}};

OfficerState signedIn(OfficerRole role = OfficerRole::Officer) {
    const std::string name = role == OfficerRole::Officer ? "Alys" : "Desk";
    return run(initialOfficerState(testConfig()),
               {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{name}, LockoutChecked{name, 0ms},
                PinAccepted{name, role}})
        .state;
}

RosterRow row(const std::string& id, const std::string& name) {
    RosterRow r;
    r.candidateId = id;
    r.name = name;
    return r;
}

template <class T>
const T* effect(const OfficerStep& step) {
    for (const auto& e : step.effects)
        if (const auto* p = std::get_if<T>(&e)) return p;
    return nullptr;
}

}  // namespace

TEST_CASE("officer mode opens on the PIN pad and asks for the officer names", "[flow][officer]") {
    auto step = reduceOfficer(initialOfficerState(testConfig()), EnterOfficer{});
    CHECK(step.state.active);
    CHECK_FALSE(step.state.officer);
    CHECK(step.state.page == OfficerPage::PinPad);
    CHECK(effect<LoadOfficers>(step));
    // Everything but the entry is ignored while officer mode is closed.
    auto closed = reduceOfficer(initialOfficerState(testConfig()), PinDigit{'1'});
    CHECK_FALSE(closed.state.active);
    CHECK(closed.effects.empty());
}

TEST_CASE("picking an officer checks the lockout first, the PIN is sent once and wiped from the state", "[flow][officer]") {
    auto step = run(initialOfficerState(testConfig()), {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{"Alys"}});
    const auto* check = effect<CheckLockout>(step);
    REQUIRE(check);
    CHECK(check->name == "Alys");
    step = run(std::move(step.state), {LockoutChecked{"Alys", 0ms}, PinDigit{'1'}, PinDigit{'2'}, PinDigit{'x'}, PinDigit{'3'},
                                       PinDelete{}, PinDigit{'4'}});
    CHECK(step.state.pin.digits == "124");
    step = run(std::move(step.state), {PinSubmit{}});
    const auto* verify = effect<VerifyPin>(step);
    REQUIRE(verify);
    CHECK(verify->name == "Alys");
    CHECK(verify->pin == "124");
    CHECK(step.state.pin.digits.empty());
    CHECK(step.state.pin.checking);
    // A second submit while checking sends nothing.
    CHECK(run(step.state, {PinSubmit{}}).effects.empty());
}

TEST_CASE("a locked-out officer cannot submit, the countdown runs on ticks and reopens the pad", "[flow][officer]") {
    auto s = run(initialOfficerState(testConfig()),
                 {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{"Alys"}, LockoutChecked{"Alys", 30'000ms}})
                 .state;
    CHECK(lockoutSeconds(s) == 30);
    auto step = run(s, {PinDigit{'1'}, PinSubmit{}});
    CHECK(step.effects.empty());
    CHECK(step.state.pin.digits.empty());
    s = run(std::move(step.state), {OfficerTick{10'500ms}}).state;
    CHECK(lockoutSeconds(s) == 20);
    s = run(std::move(s), {OfficerTick{20'000ms}}).state;
    CHECK(lockoutSeconds(s) == 0);
    step = run(std::move(s), {PinDigit{'1'}, PinSubmit{}});
    CHECK(effect<VerifyPin>(step));
}

TEST_CASE("a wrong PIN says how many tries are left, a lockout verdict shuts the pad", "[flow][officer]") {
    auto s = run(initialOfficerState(testConfig()),
                 {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{"Alys"}, LockoutChecked{"Alys", 0ms},
                  PinDigit{'9'}, PinSubmit{}, PinWrong{3}})
                 .state;
    CHECK_FALSE(s.officer);
    CHECK(s.pin.attemptsLeft == 3);
    CHECK_FALSE(s.pin.checking);
    s = run(std::move(s), {PinDigit{'9'}, PinSubmit{}, PinLockedOut{60'000ms}}).state;
    CHECK(lockoutSeconds(s) == 60);
}

TEST_CASE("the right PIN opens the home page, Lock goes back to the PIN pad and drops page data", "[flow][officer]") {
    auto s = signedIn();
    CHECK(s.officer->name == "Alys");
    CHECK(s.page == OfficerPage::Home);
    s = run(std::move(s), {ShowPage{OfficerPage::Roster}, RosterLoaded{"sess", "today", {row("c1", "Ann")}}}).state;
    CHECK(s.roster.rows.size() == 1);
    auto step = run(std::move(s), {LockOfficer{}});
    CHECK_FALSE(step.state.officer);
    CHECK(step.state.active);
    CHECK(step.state.page == OfficerPage::PinPad);
    CHECK(step.state.roster.rows.empty());
    CHECK(effect<WipeOfficerInput>(step));
}

TEST_CASE("leaving for the candidate flow always locks", "[flow][officer]") {
    auto step = run(signedIn(), {LeaveOfficer{}});
    CHECK_FALSE(step.state.active);
    CHECK_FALSE(step.state.officer);
    CHECK(effect<WipeOfficerInput>(step));
    // Coming back needs the PIN again.
    step = run(std::move(step.state), {EnterOfficer{}});
    CHECK_FALSE(step.state.officer);
    CHECK(step.state.page == OfficerPage::PinPad);
}

TEST_CASE("officer mode locks itself after 2 minutes without input, input restarts the clock", "[flow][officer]") {
    auto s = run(signedIn(), {OfficerTick{100s}}).state;
    CHECK(s.officer);
    CHECK(autoLockSeconds(s) == 20);
    s = run(std::move(s), {OfficerInput{}, OfficerTick{100s}}).state;
    CHECK(s.officer);
    auto step = run(std::move(s), {OfficerTick{20s}});
    CHECK_FALSE(step.state.officer);
    CHECK(step.state.active);
    CHECK(effect<WipeOfficerInput>(step));
    // An unattended PIN pad goes back to the candidate flow too.
    step = run(std::move(step.state), {OfficerTick{120s}});
    CHECK_FALSE(step.state.active);
}

TEST_CASE("the print worker's news is not officer input: a long batch does not hold the auto-lock off", "[flow][officer]") {
    auto s = run(signedIn(), {OfficerTick{100s}, AdminEvent{PrintJobsChanged{}}}).state;
    CHECK(s.officer);
    CHECK(autoLockSeconds(s) == 20);
    auto step = run(std::move(s), {OfficerTick{20s}});
    CHECK_FALSE(step.state.officer);
    CHECK(effect<WipeOfficerInput>(step));
}

TEST_CASE("a print operator sees only reprint and batch print and the print queue", "[flow][officer]") {
    const auto menu = homeMenu(OfficerRole::PrintOperator);
    REQUIRE(menu.size() == 2);
    CHECK(menu[0].page == OfficerPage::Printing);
    CHECK(menu[1].page == OfficerPage::PrintQueue);
    CHECK(homeMenu(OfficerRole::Officer).size() == static_cast<std::size_t>(kOfficerPageCount - 2));  // all but PIN pad and home
    auto s = signedIn(OfficerRole::PrintOperator);
    for (auto page : {OfficerPage::Roster, OfficerPage::Sessions, OfficerPage::Presenter, OfficerPage::Export,
                      OfficerPage::Settings, OfficerPage::ConfirmExit}) {
        auto step = reduceOfficer(s, ShowPage{page});
        CHECK(step.state.page == OfficerPage::Home);
        CHECK(step.effects.empty());
    }
    CHECK(reduceOfficer(s, ShowPage{OfficerPage::PrintQueue}).state.page == OfficerPage::PrintQueue);
}

TEST_CASE("the on-screen keyboard types into the focused box, shift lasts one letter", "[flow][officer]") {
    auto s = run(signedIn(), {ShowPage{OfficerPage::Sessions}, EntryFocus{kEntrySessionVenue}, EntryShift{},
                              EntryKey{"T"}, EntryKey{"o"}, EntryKey{"ŵ"}, EntryBackspace{}, EntryKey{"n"}})
                 .state;
    CHECK(entryText(s, kEntrySessionVenue) == "Ton");
    CHECK_FALSE(s.entry.shift);
    // A physical keyboard replaces the whole box; invalid UTF-8 is repaired.
    s = run(std::move(s), {EntryEdit{kEntrySessionVenue, "Town\xff"}}).state;
    CHECK(entryText(s, kEntrySessionVenue) == "Town\xEF\xBF\xBD");
}

TEST_CASE("opening a session needs a venue, it asks the store with the signed-in officer as actor", "[flow][officer]") {
    auto step = run(signedIn(), {ShowPage{OfficerPage::Sessions}});
    CHECK(effect<LoadSessions>(step));
    CHECK(entryText(step.state, kEntrySessionOfficer) == "Alys");
    step = run(std::move(step.state), {SessionsLoaded{"2026-11-27", {}}, SubmitSession{}});
    CHECK(step.effects.empty());
    CHECK(step.state.noticeBad);
    step = run(std::move(step.state), {EntryEdit{kEntrySessionVenue, "  Town Hall "}, SubmitSession{}});
    const auto* open = effect<SaveSessionOpen>(step);
    REQUIRE(open);
    CHECK(open->date == "2026-11-27");
    CHECK(open->venue == "Town Hall");
    CHECK(open->actor == "Alys");
    step = run(std::move(step.state), {OfficerSaved{"Session opened."}});
    CHECK(effect<LoadSessions>(step));
    CHECK_FALSE(step.state.noticeBad);
    // Closing asks first.
    step = run(std::move(step.state), {AskCloseSession{"s1"}});
    CHECK(step.effects.empty());
    step = run(std::move(step.state), {ConfirmCloseSession{}});
    REQUIRE(effect<SaveSessionClose>(step));
    CHECK(effect<SaveSessionClose>(step)->sessionId == "s1");
}

TEST_CASE("roster edits ask the store only after the form or the confirmation", "[flow][officer]") {
    const RosterLoaded loaded{"sess", "today", {row("c1", "Jon Smith"), row("c2", "Ann")}};
    auto step = run(signedIn(), {ShowPage{OfficerPage::Roster}, loaded});
    REQUIRE(step.state.roster.rows.size() == 2);
    step = run(std::move(step.state), {RosterStartAdd{}, RosterSubmitAdd{}});
    CHECK(step.effects.empty());
    step = run(std::move(step.state), {EntryEdit{kEntryAddName, "Gwen"}, EntryEdit{kEntryAddConstituency, "Arfon"}, RosterSubmitAdd{}});
    const auto* add = effect<SaveManualCheckIn>(step);
    REQUIRE(add);
    CHECK(add->sessionId == "sess");
    CHECK(add->actor == "Alys");
    step = run(std::move(step.state), {OfficerSaved{"Added."}});
    CHECK(step.state.roster.mode == RosterMode::List);
    step = run(std::move(step.state), {RosterStartCorrect{"c1"}});
    CHECK(entryText(step.state, kEntryCorrectName) == "Jon Smith");
    step = run(std::move(step.state), {EntryEdit{kEntryCorrectName, "John Smith"}, RosterSubmitCorrect{}});
    REQUIRE(effect<SaveNameCorrection>(step));
    CHECK(effect<SaveNameCorrection>(step)->name == "John Smith");
    step = run(std::move(step.state), {CancelConfirm{}, RosterAskRemove{"c2"}});
    CHECK(step.effects.empty());
    step = run(std::move(step.state), {RosterConfirmRemove{}});
    REQUIRE(effect<SaveDuplicateRemoval>(step));
    CHECK(effect<SaveDuplicateRemoval>(step)->candidateId == "c2");
    // The search filters rows by name, ignoring case.
    auto s = run(std::move(step.state), {EntryEdit{kEntrySearch, "SMI"}}).state;
    REQUIRE(visibleRosterRows(s).size() == 1);
    CHECK(visibleRosterRows(s)[0].candidateId == "c1");
}

TEST_CASE("presenter: slides clamp, questions reveal, attendance credits the modules shown", "[flow][officer]") {
    const RosterLoaded loaded{"sess", "today", {row("c1", "Ann"), row("c2", "Bob")}};
    auto s = run(signedIn(), {ShowPage{OfficerPage::Presenter}, loaded, SlidePrev{}}).state;
    CHECK(s.presenter.slide == 0);
    s = run(std::move(s), {SlideJump{9}}).state;
    CHECK(s.presenter.slide == 2);
    s = run(std::move(s), {ShowCheck{0}}).state;  // module 3 has no questions
    CHECK_FALSE(s.presenter.check);
    s = run(std::move(s), {SlideJump{1}, ShowCheck{1}, RevealAnswer{}}).state;
    CHECK(s.presenter.check == 1);
    CHECK(s.presenter.revealed);
    s = run(std::move(s), {SlideNext{}}).state;
    CHECK_FALSE(s.presenter.check);
    CHECK_FALSE(s.presenter.revealed);
    auto step = run(std::move(s), {StartAttendance{}, SubmitAttendance{}});
    CHECK(step.effects.empty());  // nobody ticked
    step = run(std::move(step.state), {loaded, TogglePresent{"c1"}, TogglePresent{"c2"}, TogglePresent{"c2"},
                                       TogglePresent{"nobody"}, SubmitAttendance{}});
    const auto* save = effect<SaveAttendance>(step);
    REQUIRE(save);
    CHECK(save->candidateIds == std::vector<std::string>{"c1"});
    CHECK(save->moduleIds == std::vector<std::string>{"why", "online", "reporting"});
    step = run(std::move(step.state), {AttendanceSaved{"Attendance recorded."}});
    CHECK(step.state.presenter.present.empty());
}

TEST_CASE("with one officer account the PIN pad picks it and checks its lockout at once", "[flow][officer]") {
    auto step = run(initialOfficerState(testConfig()), {EnterOfficer{}, OfficersLoaded{{kAccounts[0]}, {}}});
    CHECK(step.state.pin.selected == "Alys");
    const auto* check = effect<CheckLockout>(step);
    REQUIRE(check);
    CHECK(check->name == "Alys");
    // No accounts: nothing to pick, the page says to run `briefing set-pin`.
    auto none = run(initialOfficerState(testConfig()), {EnterOfficer{}, OfficersLoaded{}});
    CHECK(none.state.pin.loaded);
    CHECK(none.state.pin.officers.empty());
    CHECK(none.effects.empty());
}

TEST_CASE("only an officer may lift another account's lockout, never their own", "[flow][officer]") {
    auto step = run(signedIn(), {LockedOfficersLoaded{{"Rhod"}}, UnlockOther{"Rhod"}});
    REQUIRE(effect<SaveOfficerUnlock>(step));
    CHECK(effect<SaveOfficerUnlock>(step)->actor == "Alys");
    CHECK(run(signedIn(), {UnlockOther{"Alys"}}).effects.empty());
    CHECK(run(signedIn(OfficerRole::PrintOperator), {UnlockOther{"Rhod"}}).effects.empty());
    // Signing in as an officer asks which accounts are locked out; a print operator is not asked.
    auto in = run(initialOfficerState(testConfig()), {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{"Alys"},
                                                      LockoutChecked{"Alys", 0ms}, PinAccepted{"Alys", OfficerRole::Officer}});
    CHECK(effect<LoadLockedOfficers>(in));
    auto op = run(initialOfficerState(testConfig()), {EnterOfficer{}, OfficersLoaded{kAccounts, {}}, PickOfficer{"Desk"},
                                                      LockoutChecked{"Desk", 0ms}, PinAccepted{"Desk", OfficerRole::PrintOperator}});
    CHECK_FALSE(effect<LoadLockedOfficers>(op));
}
