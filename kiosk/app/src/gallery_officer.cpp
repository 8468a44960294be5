// The gallery's officer-mode shots: each state built by reducing real officer events (with made-up plain
// data standing in for what the store would return). Layer: kiosk/app (pure: builds flow states).
#include "kiosk/app/gallery.hpp"
#include "kiosk/app/officer_effects.hpp"

#include <initializer_list>

namespace kiosk::app {
namespace {

flow::OfficerState apply(flow::OfficerState s, std::initializer_list<flow::OfficerEvent> events) {
    for (const auto& e : events) s = flow::reduceOfficer(std::move(s), e).state;
    return s;
}

const std::vector<flow::OfficerAccount> kOfficers = {
    {"PC Alys Morgan", flow::OfficerRole::Officer},
    {"Front desk", flow::OfficerRole::PrintOperator},
    {"Sgt Rhodri Evans", flow::OfficerRole::Officer},
};

flow::OfficerState atPinPad(const std::vector<content::Module>& modules) {
    return apply(flow::initialOfficerState(makeOfficerConfig(modules)),
                 {flow::EnterOfficer{}, flow::OfficersLoaded{kOfficers, {}}});
}

flow::RosterLoaded sampleRoster(int modules) {
    flow::RosterLoaded r;
    r.sessionId = "gallery-session";
    r.sessionLabel = "2026-11-27, Town Hall, Aberystwyth (open)";
    const auto row = [&](const char* id, const char* name, const char* place, const char* at, int done, int right,
                         int answered, const char* pack, bool manual) {
        flow::RosterRow x;
        x.candidateId = id;
        x.name = name;
        x.constituency = place;
        x.checkedInAt = at;
        x.modulesDone = done;
        x.modulesTotal = modules;
        x.checksRight = right;
        x.checksAnswered = answered;
        x.packStatus = pack;
        x.manual = manual;
        r.rows.push_back(std::move(x));
    };
    row("c1", "Siân Llewellyn", "Ceredigion Preseli", "09:02", modules, 11, 12, "done", false);
    row("c2", "Dafydd ap Gruffydd", "Dwyfor Meirionnydd", "09:05", modules, 12, 12, "sent", false);
    row("c3", "Zoë Martin-Okonkwo", "Cardiff West", "09:11", modules > 2 ? modules - 2 : 0, 7, 9, "failed", false);
    row("c4", "Jon Smith", "Ceredigion Preseli", "09:14", 3, 3, 4, "none", false);
    row("c5", "John Smith", "Ceredigion Preseli", "09:15", 0, 0, 0, "none", false);
    row("c6", "Piotr Wiśniewski", "Swansea West", "09:20", 0, 0, 0, "none", true);
    row("c7", "Amira Haddad / أميرة حداد", "Cardiff Central", "09:24", 1, 2, 2, "none", false);
    r.rows.back().namePrintable = false;
    return r;
}

flow::SessionsLoaded sampleSessions() {
    return {"2026-11-27",
            {{"s2", "2026-11-27", "Town Hall, Aberystwyth", "PC Alys Morgan", true, 6},
             {"s1", "2026-11-27", "Walk-in (automatic)", "", false, 2}}};
}

}  // namespace

flow::OfficerState gallerySignedIn(const std::vector<content::Module>& modules, flow::OfficerRole role) {
    const std::string name = role == flow::OfficerRole::Officer ? "PC Alys Morgan" : "Front desk";
    return apply(atPinPad(modules), {flow::PickOfficer{name}, flow::LockoutChecked{name, {}}, flow::PinAccepted{name, role}});
}

std::vector<OfficerGalleryShot> officerGalleryShots(const std::vector<content::Module>& modules) {
    std::vector<OfficerGalleryShot> out;
    const int count = static_cast<int>(modules.size());
    const auto pin = atPinPad(modules);
    out.push_back({"officer-pin-choose", pin});
    const std::string alys = "PC Alys Morgan";
    out.push_back({"officer-pin-typing", apply(pin, {flow::PickOfficer{alys}, flow::LockoutChecked{alys, {}},
                                                     flow::PinDigit{'1'}, flow::PinDigit{'9'}, flow::PinDigit{'7'},
                                                     flow::PinDigit{'3'}})});
    out.push_back({"officer-pin-wrong", apply(pin, {flow::PickOfficer{alys}, flow::LockoutChecked{alys, {}},
                                                    flow::PinDigit{'1'}, flow::PinSubmit{}, flow::PinWrong{2}})});
    out.push_back({"officer-pin-locked", apply(pin, {flow::PickOfficer{alys},
                                                     flow::LockoutChecked{alys, flow::Millis{272'000}}})});
    out.push_back({"officer-pin-no-officers", apply(flow::initialOfficerState(makeOfficerConfig(modules)),
                                                    {flow::EnterOfficer{}, flow::OfficersLoaded{}})});

    const auto in = gallerySignedIn(modules);
    out.push_back({"officer-home", in});
    out.push_back({"officer-home-unlock", apply(in, {flow::LockedOfficersLoaded{{"Sgt Rhodri Evans"}}})});
    out.push_back({"officer-home-print-operator", gallerySignedIn(modules, flow::OfficerRole::PrintOperator)});

    const auto sessions = apply(in, {flow::ShowPage{flow::OfficerPage::Sessions}, sampleSessions()});
    out.push_back({"officer-sessions", sessions});
    out.push_back({"officer-sessions-typing", apply(sessions, {flow::EntryFocus{flow::kEntrySessionVenue},
                                                               flow::EntryKey{"T"}, flow::EntryKey{"o"},
                                                               flow::EntryKey{"w"}, flow::EntryKey{"n"}})});
    out.push_back({"officer-sessions-confirm-close", apply(sessions, {flow::AskCloseSession{"s2"}})});

    const auto roster = apply(in, {flow::ShowPage{flow::OfficerPage::Roster}, sampleRoster(count)});
    out.push_back({"officer-roster", roster});
    out.push_back({"officer-roster-search", apply(roster, {flow::EntryFocus{flow::kEntrySearch},
                                                           flow::EntryEdit{flow::kEntrySearch, "smith"}})});
    out.push_back({"officer-roster-add", apply(roster, {flow::RosterStartAdd{},
                                                        flow::EntryEdit{flow::kEntryAddName, "Gwen Pritchard"}})});
    out.push_back({"officer-roster-correct", apply(roster, {flow::RosterStartCorrect{"c3"}})});
    out.push_back({"officer-roster-remove", apply(roster, {flow::RosterAskRemove{"c5"}})});

    const auto presenter = apply(in, {flow::ShowPage{flow::OfficerPage::Presenter}, sampleRoster(count)});
    out.push_back({"officer-presenter", presenter});
    // A module with a question to show the room.
    int withCheck = 0;
    const auto& infos = presenter.config.modules;
    for (std::size_t i = 0; i < infos.size(); ++i)
        if (!infos[i].questions.empty()) {
            withCheck = static_cast<int>(i);
            break;
        }
    const auto check = apply(presenter, {flow::SlideJump{withCheck}, flow::ShowCheck{0}});
    out.push_back({"officer-presenter-check", check});
    out.push_back({"officer-presenter-reveal", apply(check, {flow::RevealAnswer{}})});
    out.push_back({"officer-presenter-attendance", apply(presenter, {flow::StartAttendance{}, sampleRoster(count),
                                                                     flow::TogglePresent{"c1"}, flow::TogglePresent{"c2"}})});

    for (auto& shot : galleryAdminShots(in)) out.push_back(std::move(shot));
    return out;
}

}  // namespace kiosk::app
