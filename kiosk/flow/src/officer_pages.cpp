// Officer mode's roster and presenter steps, the page names and home menu, and the roster queries.
// Layer: kiosk/flow (pure).
#include "kiosk/flow/officer.hpp"

#include "officer_steps.hpp"

#include <algorithm>

namespace kiosk::flow {
namespace detail {
namespace {

int questionCount(const OfficerState& s) {
    const auto& mods = s.config.modules;
    const int i = s.presenter.slide;
    if (i < 0 || i >= static_cast<int>(mods.size())) return 0;
    return static_cast<int>(mods[static_cast<std::size_t>(i)].questions.size());
}

}  // namespace

OfficerStep onRoster(OfficerState s, const OfficerEvent& e) {
    auto& r = s.roster;
    const std::string who = actor(s);
    return std::visit(
        Overloaded{
            [&](const RosterStartAdd&) -> OfficerStep {
                r.mode = RosterMode::Add;
                s.entry.text[kEntryAddName].clear();
                s.entry.text[kEntryAddConstituency].clear();
                s.entry.focus = kEntryAddName;
                return stay(std::move(s));
            },
            [&](const RosterSubmitAdd&) -> OfficerStep {
                const std::string name = trimmed(entryText(s, kEntryAddName));
                const std::string place = trimmed(entryText(s, kEntryAddConstituency));
                if (name.empty() || place.empty()) {
                    setNotice(s, "Type the candidate's name and constituency first.", true);
                    return stay(std::move(s));
                }
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveManualCheckIn{step.state.roster.sessionId, name, place, who});
                return step;
            },
            [&](const RosterStartCorrect& c) -> OfficerStep {
                const RosterRow* row = rosterRow(s, c.candidateId);
                if (!row) return stay(std::move(s));
                r.mode = RosterMode::Correct;
                r.target = c.candidateId;
                s.entry.text[kEntryCorrectName] = row->name;
                s.entry.focus = kEntryCorrectName;
                return stay(std::move(s));
            },
            [&](const RosterSubmitCorrect&) -> OfficerStep {
                const std::string name = trimmed(entryText(s, kEntryCorrectName));
                if (name.empty() || r.target.empty()) {
                    setNotice(s, "The name cannot be empty.", true);
                    return stay(std::move(s));
                }
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveNameCorrection{step.state.roster.target, name, who});
                return step;
            },
            [&](const RosterAskRemove& a) -> OfficerStep {
                if (!rosterRow(s, a.candidateId)) return stay(std::move(s));
                r.mode = RosterMode::ConfirmRemove;
                r.target = a.candidateId;
                return stay(std::move(s));
            },
            [&](const RosterConfirmRemove&) -> OfficerStep {
                if (r.mode != RosterMode::ConfirmRemove || r.target.empty()) return stay(std::move(s));
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveDuplicateRemoval{step.state.roster.target, step.state.roster.sessionId, who});
                return step;
            },
            [&](const auto&) -> OfficerStep { return stay(std::move(s)); },
        },
        e);
}


OfficerStep onPresenter(OfficerState s, const OfficerEvent& e) {
    auto& p = s.presenter;
    const int count = static_cast<int>(s.config.modules.size());
    const auto go = [&](int index) {
        if (count == 0) return;
        p.slide = std::clamp(index, 0, count - 1);
        p.check.reset();
        p.revealed = false;
        p.shown.insert(p.slide);
    };
    return std::visit(
        Overloaded{
            [&](const SlideNext&) -> OfficerStep {
                go(p.slide + 1);
                return stay(std::move(s));
            },
            [&](const SlidePrev&) -> OfficerStep {
                go(p.slide - 1);
                return stay(std::move(s));
            },
            [&](const SlideJump& j) -> OfficerStep {
                go(j.index);
                return stay(std::move(s));
            },
            [&](const ShowCheck& c) -> OfficerStep {
                if (c.question >= 0 && c.question < questionCount(s)) {
                    p.check = c.question;
                    p.revealed = false;
                }
                return stay(std::move(s));
            },
            [&](const RevealAnswer&) -> OfficerStep {
                if (p.check) p.revealed = true;
                return stay(std::move(s));
            },
            [&](const HideCheck&) -> OfficerStep {
                p.check.reset();
                p.revealed = false;
                return stay(std::move(s));
            },
            [&](const StartAttendance&) -> OfficerStep {
                p.attendance = true;
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(LoadRoster{actor(step.state), false});
                return step;
            },
            [&](const EndAttendance&) -> OfficerStep {
                p.attendance = false;
                return stay(std::move(s));
            },
            [&](const TogglePresent& t) -> OfficerStep {
                if (!rosterRow(s, t.candidateId)) return stay(std::move(s));
                if (!p.present.erase(t.candidateId)) p.present.insert(t.candidateId);
                return stay(std::move(s));
            },
            [&](const SubmitAttendance&) -> OfficerStep {
                if (p.present.empty()) {
                    setNotice(s, "Tick the candidates who are present first.", true);
                    return stay(std::move(s));
                }
                if (s.roster.sessionId.empty()) {
                    setNotice(s, "There is no session to record attendance in: open one first.", true);
                    return stay(std::move(s));
                }
                SaveAttendance save{s.roster.sessionId, {p.present.begin(), p.present.end()}, {}, actor(s)};
                for (int i : p.shown)
                    if (i >= 0 && i < count) save.moduleIds.push_back(s.config.modules[static_cast<std::size_t>(i)].id);
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(std::move(save));
                return step;
            },
            [&](const auto&) -> OfficerStep { return stay(std::move(s)); },
        },
        e);
}

// Events that need a signed-in officer on a given page.

}  // namespace detail

const char* pageKey(OfficerPage page) {
    switch (page) {
        case OfficerPage::PinPad: return "pin";
        case OfficerPage::Home: return "home";
        case OfficerPage::Presenter: return "presenter";
        case OfficerPage::Sessions: return "sessions";
        case OfficerPage::Roster: return "roster";
        case OfficerPage::Printing: return "printing";
        case OfficerPage::PrintQueue: return "print-queue";
        case OfficerPage::Printer: return "printer";
        case OfficerPage::Export: return "export";
        case OfficerPage::Retention: return "retention";
        case OfficerPage::Settings: return "settings";
        case OfficerPage::Status: return "status";
        case OfficerPage::ConfirmExit: return "exit";
    }
    return "page";
}

const char* pageTitle(OfficerPage page) {
    switch (page) {
        case OfficerPage::PinPad: return "Officer sign-in";
        case OfficerPage::Home: return "Home";
        case OfficerPage::Presenter: return "Presenter mode";
        case OfficerPage::Sessions: return "Sessions";
        case OfficerPage::Roster: return "Live roster";
        case OfficerPage::Printing: return "Reprint and batch print";
        case OfficerPage::PrintQueue: return "Print queue";
        case OfficerPage::Printer: return "Printer";
        case OfficerPage::Export: return "Export the roster";
        case OfficerPage::Retention: return "Retention";
        case OfficerPage::Settings: return "Settings";
        case OfficerPage::Status: return "Status";
        case OfficerPage::ConfirmExit: return "Exit the kiosk";
    }
    return "";
}

std::vector<MenuItem> homeMenu(OfficerRole role) {
    static const MenuItem kAll[] = {
        {OfficerPage::Presenter, "Presenter mode", "Show the modules to the room, then take attendance"},
        {OfficerPage::Sessions, "Sessions", "Open today's session, see today's, close one"},
        {OfficerPage::Roster, "Live roster", "Who checked in, progress, packs; add or correct"},
        {OfficerPage::Printing, "Reprint and batch print", "Reprint one pack or print the whole session"},
        {OfficerPage::PrintQueue, "Print queue", "Failed jobs: retry or cancel"},
        {OfficerPage::Printer, "Printer", "Test page, choose the printer"},
        {OfficerPage::Export, "Export", "Roster to CSV or JSON on a drive"},
        {OfficerPage::Retention, "Retention", "What will be purged, purge now, erase one person"},
        {OfficerPage::Settings, "Settings", "Timeouts, first language, paper, large print"},
        {OfficerPage::Status, "Status", "Content, law as at, database, disk, printer"},
        {OfficerPage::ConfirmExit, "Exit the kiosk", "Quit the application"},
    };
    std::vector<MenuItem> out;
    for (const auto& m : kAll)
        if (pageAllowed(role, m.page)) out.push_back(m);
    return out;
}

std::vector<RosterRow> visibleRosterRows(const OfficerState& state) {
    const std::string needle = detail::lowerAscii(detail::trimmed(entryText(state, kEntrySearch)));
    std::vector<RosterRow> out;
    for (const auto& r : state.roster.rows)
        if (needle.empty() || detail::lowerAscii(r.name).find(needle) != std::string::npos) out.push_back(r);
    return out;
}

const RosterRow* rosterRow(const OfficerState& state, const std::string& candidateId) {
    for (const auto& r : state.roster.rows)
        if (r.candidateId == candidateId) return &r;
    return nullptr;
}


}  // namespace kiosk::flow
