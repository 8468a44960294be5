// Headless UI tests of officer mode's pages: sessions (open, close), live roster (search, add by hand,
// correct a name, remove a duplicate) and presenter mode (next, previous, jump, reveal, attendance), each
// checked against the real attendance store and its audit log. [ui]
#include "officer_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace kiosk;
using test::OfficerKiosk;

namespace {

const std::string kPin = "246810";

std::string checkIn(OfficerKiosk& o, const std::string& name, const std::string& constituency = "Ceredigion") {
    records::CheckInInput in;
    in.name = name;
    in.constituency = constituency;
    in.consent = records::Consent{"2026-1", {}};
    return o.k.store->checkIn(in).candidateId;
}

// Signed in as an officer on `page` (a "menu:" key).
void openPage(OfficerKiosk& o, const std::string& page) {
    o.addOfficer("PC Alys Morgan", kPin);
    o.signIn("PC Alys Morgan", kPin);
    REQUIRE(o.state.officer);
    o.tap("menu:" + page);
}

std::vector<records::RosterEntry> todaysRoster(OfficerKiosk& o) {
    REQUIRE_FALSE(o.state.roster.sessionId.empty());
    return o.k.store->roster(o.state.roster.sessionId);
}

const records::RosterEntry* named(const std::vector<records::RosterEntry>& roster, const std::string& name) {
    const auto it = std::find_if(roster.begin(), roster.end(), [&](const auto& r) { return r.name == name; });
    return it == roster.end() ? nullptr : &*it;
}

int countNamed(const std::vector<records::RosterEntry>& roster, const std::string& name) {
    return static_cast<int>(std::count_if(roster.begin(), roster.end(), [&](const auto& r) { return r.name == name; }));
}

}  // namespace

TEST_CASE("officer sessions: open one with venue and officer typed on screen, then close it", "[ui][officer]") {
    OfficerKiosk o;
    openPage(o, "sessions");
    CHECK(o.shows("sessions-none"));
    CHECK(flow::entryText(o.state, flow::kEntrySessionDate) == o.state.sessions.today);
    CHECK(flow::entryText(o.state, flow::kEntrySessionOfficer) == "PC Alys Morgan");
    o.tap("entry:session-venue");
    CHECK(o.shows("key:t"));
    o.typeOnScreen("Town Hall");
    o.tap("session-open");
    auto sessions = o.k.store->listSessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].venue == "Town Hall");
    CHECK(sessions[0].officer == "PC Alys Morgan");
    CHECK(sessions[0].status == "open");
    CHECK(o.auditCount("session-open") == 1);
    REQUIRE(o.shows("close:Town Hall"));
    // Closing asks first; "No, keep it" keeps it.
    o.tap("close:Town Hall");
    o.tap("confirm-no");
    CHECK(o.k.store->listSessions()[0].status == "open");
    o.tap("close:Town Hall");
    o.tap("confirm-close");
    CHECK(o.k.store->listSessions()[0].status == "closed");
    CHECK(o.auditCount("session-close") == 1);
    CHECK_FALSE(o.shows("close:Town Hall"));
    // Candidates now join the walk-in session instead.
    checkIn(o, "Ann Jones");
    o.tap("officer-home");
    o.tap("menu:sessions");
    CHECK(o.state.sessions.sessions.size() == 2);
}

TEST_CASE("officer roster: rows show progress and packs, search by name on the on-screen keyboard", "[ui][officer]") {
    OfficerKiosk o;
    const std::string ann = checkIn(o, "Ann Jones");
    checkIn(o, "John Smith");
    checkIn(o, "Jane Smithers");
    const auto& m0 = o.k.englishModules.at(0);
    o.k.store->recordModuleCompleted(ann, m0.id, {});
    o.k.store->enqueuePrint(ann, "spool");
    openPage(o, "roster");
    CHECK(o.auditCount("view-roster") == 1);
    REQUIRE(o.shows("row:Ann Jones"));
    const auto* row = flow::rosterRow(o.state, ann);
    REQUIRE(row);
    CHECK(row->modulesDone == 1);
    CHECK(row->modulesTotal == static_cast<int>(o.k.englishModules.size()));
    CHECK(row->packStatus == "queued");
    o.tap("entry:roster-search");
    o.typeOnScreen("smi");
    CHECK(o.shows("row:John Smith"));
    CHECK(o.shows("row:Jane Smithers"));
    CHECK_FALSE(o.shows("row:Ann Jones"));
    o.tap("search-clear");
    CHECK(o.shows("row:Ann Jones"));
}

TEST_CASE("officer roster: add a candidate by hand (paper fallback), audited checkin-manual", "[ui][officer]") {
    OfficerKiosk o;
    checkIn(o, "Ann Jones");
    openPage(o, "roster");
    o.tap("roster-add");
    CHECK(o.state.entry.focus == flow::kEntryAddName);
    o.typeOnScreen("Gwen Pritchard");
    o.tap("entry:roster-add-constituency");
    o.typeOnScreen("Arfon");
    o.tap("roster-add-save");
    CHECK(o.state.roster.mode == flow::RosterMode::List);
    const auto roster = todaysRoster(o);
    REQUIRE(named(roster, "Gwen Pritchard"));
    CHECK(named(roster, "Gwen Pritchard")->constituency == "Arfon");
    CHECK(o.auditCount("checkin-manual") == 1);
    CHECK(o.shows("row:Gwen Pritchard"));
    const auto* row = flow::rosterRow(o.state, named(roster, "Gwen Pritchard")->candidateId);
    REQUIRE(row);
    CHECK(row->manual);
}

TEST_CASE("officer roster: correct a misspelt name, and a Latin spelling for the pack", "[ui][officer]") {
    OfficerKiosk o;
    checkIn(o, "Jon Smith");
    const std::string mohammed = checkIn(o, "محمد علي");
    openPage(o, "roster");
    CHECK(o.shows("unprintable:محمد علي"));
    CHECK_FALSE(o.shows("unprintable:Jon Smith"));
    o.tap("correct:Jon Smith");
    CHECK(flow::entryText(o.state, flow::kEntryCorrectName) == "Jon Smith");
    for (int i = 0; i < 7; ++i) o.tap("key:backspace");
    o.typeOnScreen("hn Smith");
    o.tap("roster-correct-save");
    auto roster = todaysRoster(o);
    CHECK(named(roster, "John Smith"));
    CHECK_FALSE(named(roster, "Jon Smith"));
    CHECK(o.auditCount("roster-correct") == 1);
    // The audit row names the candidate, never the names.
    const auto rows = o.k.store->auditRows();
    CHECK(rows.back().detail.find("Smith") == std::string::npos);
    o.tap("correct:محمد علي");
    o.tap("entry-clear");
    CHECK(flow::entryText(o.state, flow::kEntryCorrectName).empty());
    o.typeOnScreen("Mohammed Ali");
    o.tap("roster-correct-save");
    roster = todaysRoster(o);
    REQUIRE(named(roster, "Mohammed Ali"));
    CHECK(named(roster, "Mohammed Ali")->candidateId == mohammed);
    CHECK(o.shows("row:Mohammed Ali"));
    CHECK_FALSE(o.shows("unprintable:Mohammed Ali"));
}

TEST_CASE("officer roster: remove a duplicate after confirmation, the person is erased", "[ui][officer]") {
    OfficerKiosk o;
    checkIn(o, "Ann Jones");
    checkIn(o, "Ann Jones");
    checkIn(o, "Bob Evans");
    openPage(o, "roster");
    o.tap("remove:Bob Evans");
    o.tap("confirm-no");
    CHECK(todaysRoster(o).size() == 3);
    o.tap("remove:Ann Jones");
    REQUIRE(o.shows("confirm-remove"));
    const std::string removed = o.state.roster.target;
    o.tap("confirm-remove");
    const auto roster = todaysRoster(o);
    CHECK(roster.size() == 2);
    CHECK(countNamed(roster, "Ann Jones") == 1);
    CHECK(o.auditCount("roster-remove") == 1);
    CHECK_THROWS_AS(o.k.store->subjectAccess(removed), records::NotFoundError);
    CHECK(o.state.roster.rows.size() == 2);
}

TEST_CASE("officer presenter: next, previous, jump to a module", "[ui][officer]") {
    OfficerKiosk o;
    openPage(o, "presenter");
    const auto& mods = o.k.englishModules;
    REQUIRE(mods.size() >= 3);
    CHECK(o.shows("slide:" + mods[0].id));
    o.tap("slide-next");
    CHECK(o.shows("slide:" + mods[1].id));
    o.tap("slide-prev");
    o.tap("slide-prev");  // stays on the first
    CHECK(o.shows("slide:" + mods[0].id));
    o.tap("jump:3");
    CHECK(o.shows("slide:" + mods[2].id));
    CHECK(o.state.presenter.shown == std::set<int>{0, 1, 2});
}

TEST_CASE("officer presenter: show a knowledge check to the room, then reveal the answer", "[ui][officer]") {
    OfficerKiosk o;
    openPage(o, "presenter");
    const auto& infos = o.state.config.modules;
    const auto it = std::find_if(infos.begin(), infos.end(), [](const auto& m) { return !m.questions.empty(); });
    REQUIRE(it != infos.end());
    const int index = static_cast<int>(it - infos.begin());
    o.tap("jump:" + std::to_string(index + 1));
    o.tap("check:1");
    REQUIRE(o.state.presenter.check == 0);
    CHECK(o.shows("slide-option:1"));
    CHECK_FALSE(o.shows("answer-revealed"));
    o.tap("reveal");
    CHECK(o.shows("answer-revealed"));
    o.tap("hide-check");
    CHECK_FALSE(o.state.presenter.check);
    CHECK(o.shows("slide:" + it->id));
}

TEST_CASE("officer presenter: take attendance from the roster and add someone by hand", "[ui][officer]") {
    OfficerKiosk o;
    checkIn(o, "Ann Jones");
    checkIn(o, "Bob Evans");
    checkIn(o, "Cai Hughes");
    openPage(o, "presenter");
    o.tap("slide-next");  // modules 1 and 2 shown
    o.tap("attendance");
    REQUIRE(o.shows("present:Ann Jones"));
    // Someone who signed the paper list: added by hand, then back to the attendance list.
    o.tap("roster-add");
    CHECK(o.state.page == flow::OfficerPage::Roster);
    o.typeOnScreen("Dai Rees");
    o.tap("entry:roster-add-constituency");
    o.typeOnScreen("Arfon");
    o.tap("roster-add-save");
    CHECK(o.state.page == flow::OfficerPage::Presenter);
    CHECK(o.state.presenter.attendance);
    REQUIRE(o.shows("present:Dai Rees"));
    o.tap("present:Ann Jones");
    o.tap("present:Bob Evans");
    o.tap("present:Dai Rees");
    o.tap("present:Bob Evans");  // unticked again
    o.tap("attendance-save");
    CHECK(o.auditCount("attendance") == 1);
    CHECK(o.state.presenter.present.empty());
    const auto roster = todaysRoster(o);
    const auto& mods = o.k.englishModules;
    const auto& annDone = named(roster, "Ann Jones")->modulesCompleted;
    CHECK(std::set<std::string>(annDone.begin(), annDone.end()) == std::set<std::string>{mods[0].id, mods[1].id});
    CHECK(named(roster, "Dai Rees")->modulesCompleted.size() == 2);
    CHECK(named(roster, "Bob Evans")->modulesCompleted.empty());
    CHECK(named(roster, "Cai Hughes")->modulesCompleted.empty());
}

TEST_CASE("officer roster: a full session scrolls by touch with the scroll buttons", "[ui][officer]") {
    OfficerKiosk o(true, 1366.0f, 768.0f);
    for (int i = 1; i <= 30; ++i) checkIn(o, "Person " + std::to_string(100 + i));
    openPage(o, "roster");
    const float height = ImGui::GetIO().DisplaySize.y;
    REQUIRE(o.shows("row:Person 130"));
    CHECK(o.h().rectOf("row:Person 130").y0 > height);
    for (int i = 0; i < 10 && o.h().rectOf("row:Person 130").y1 > height; ++i) {
        o.tap("roster-down");
        o.settle();
    }
    CHECK(o.h().rectOf("row:Person 130").y1 <= height);
    // The last person can be corrected from there.
    const float em = o.h().fonts().em;
    CHECK(o.h().rectOf("row:Person 101").y1 < 5.0f * em);  // scrolled out above the table
    o.tap("correct:Person 130");
    CHECK(o.state.roster.mode == flow::RosterMode::Correct);
    o.tap("roster-cancel");
    o.tap("roster-up");
    o.tap("roster-up");
    o.tap("roster-up");
    o.tap("roster-up");
    o.settle();
    CHECK(o.h().rectOf("row:Person 101").y0 > 5.0f * em);  // back in view below the header row
    CHECK(o.h().rectOf("row:Person 101").y1 < height);
}
