// Officer mode's reducer: entry, PIN pad, lock and auto-lock, navigation, the on-screen keyboard and the
// sessions page; dispatch to the roster and presenter steps (officer_pages.cpp). Layer: kiosk/flow (pure).
#include "kiosk/flow/officer.hpp"

#include "officer_steps.hpp"

#include "content/text.hpp"

#include <algorithm>
#include <cctype>

namespace kiosk::flow {

using namespace detail;

namespace {

constexpr std::size_t kMaxPinDigits = 64;
constexpr std::size_t kMaxEntryCodePoints = 200;

// Overwrites a PIN buffer before dropping it (the compiler may not elide writes through volatile).
void wipeDigits(std::string& s) {
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
    s.clear();
}

bool isAdminPage(OfficerPage p) {
    switch (p) {
        case OfficerPage::Printing:
        case OfficerPage::PrintQueue:
        case OfficerPage::Printer:
        case OfficerPage::Export:
        case OfficerPage::Retention:
        case OfficerPage::Settings:
        case OfficerPage::Status:
        case OfficerPage::ConfirmExit: return true;
        default: return false;
    }
}

// Drops the last UTF-8 code point of `s`.
void popCodePoint(std::string& s) {
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

std::size_t codePoints(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// Switches page (when allowed) and asks for its data.
OfficerStep showPage(OfficerState s, OfficerPage page) {
    if (!s.officer || page == OfficerPage::PinPad || !pageAllowed(s.officer->role, page)) return stay(std::move(s));
    s.page = page;
    s.entry.focus.clear();
    s.sessions.confirmClose.reset();
    OfficerStep step{std::move(s), {}};
    auto& st = step.state;
    switch (page) {
        case OfficerPage::Sessions:
            st.sessions.loaded = false;
            if (entryText(st, kEntrySessionOfficer).empty()) st.entry.text[kEntrySessionOfficer] = st.officer->name;
            step.effects.push_back(LoadSessions{});
            break;
        case OfficerPage::Roster:
            st.roster.mode = RosterMode::List;
            st.roster.returnToPresenter = false;
            step.effects.push_back(LoadRoster{actor(st)});
            break;
        case OfficerPage::Home:
            if (st.officer->role == OfficerRole::Officer) step.effects.push_back(LoadLockedOfficers{});
            break;
        case OfficerPage::Presenter:
            st.presenter.attendance = false;
            st.presenter.check.reset();
            st.presenter.revealed = false;
            if (!st.config.modules.empty()) st.presenter.shown.insert(st.presenter.slide);
            step.effects.push_back(LoadRoster{actor(st)});
            break;
        default:
            if (isAdminPage(page)) return enterAdminPage(std::move(st));
            break;
    }
    return step;
}

// After a save: say so and reload what the page shows.
OfficerStep reloadPage(OfficerState s) {
    OfficerStep step{std::move(s), {}};
    switch (step.state.page) {
        case OfficerPage::Sessions: step.effects.push_back(LoadSessions{}); break;
        case OfficerPage::Roster:
        case OfficerPage::Presenter: step.effects.push_back(LoadRoster{actor(step.state), false}); break;
        case OfficerPage::Home:
            if (step.state.officer && step.state.officer->role == OfficerRole::Officer)
                step.effects.push_back(LoadLockedOfficers{});
            break;
        default: break;
    }
    return step;
}

OfficerStep onPin(OfficerState s, const OfficerEvent& e) {
    auto& pin = s.pin;
    if (const auto* d = std::get_if<PinDigit>(&e)) {
        if (pin.selected.empty() || pin.lockedFor || pin.checking) return stay(std::move(s));
        if (d->digit >= '0' && d->digit <= '9' && pin.digits.size() < kMaxPinDigits) pin.digits += d->digit;
        return stay(std::move(s));
    }
    if (std::holds_alternative<PinDelete>(e)) {
        if (!pin.digits.empty()) pin.digits.pop_back();
        return stay(std::move(s));
    }
    // PinSubmit
    if (pin.selected.empty() || pin.digits.empty() || pin.checking) return stay(std::move(s));
    if (pin.lockedFor) {  // the pad is shut while locked out: nothing is checked, nothing audited
        wipeDigits(pin.digits);
        return stay(std::move(s));
    }
    OfficerStep step{std::move(s), {}};
    auto& p = step.state.pin;
    p.checking = true;
    step.effects.push_back(VerifyPin{p.selected, p.digits});
    wipeDigits(p.digits);
    return step;
}

void insertText(OfficerState& s, const std::string& text) {
    if (s.entry.focus.empty()) return;
    std::string& box = s.entry.text[s.entry.focus];
    if (codePoints(box) + codePoints(text) > kMaxEntryCodePoints) return;
    box += text;
    if (s.entry.shift) s.entry.shift = false;
}

OfficerStep onSignedIn(OfficerState s, const OfficerEvent& e) {
    return std::visit(
        Overloaded{
            [&](const ShowPage& p) { return showPage(std::move(s), p.page); },
            [&](const OfficerSaved& r) -> OfficerStep {
                setNotice(s, r.message, false);
                s.roster.mode = RosterMode::List;
                s.roster.target.clear();
                s.sessions.confirmClose.reset();
                s.entry.focus.clear();
                if (s.roster.returnToPresenter && s.page == OfficerPage::Roster) {
                    s.page = OfficerPage::Presenter;
                    s.presenter.attendance = true;
                    s.roster.returnToPresenter = false;
                }
                return reloadPage(std::move(s));
            },
            [&](const AttendanceSaved& r) -> OfficerStep {
                setNotice(s, r.message, false);
                s.presenter.present.clear();
                return reloadPage(std::move(s));
            },
            [&](const OfficerNotSaved& r) -> OfficerStep {
                setNotice(s, "Not saved: " + r.reason, true);
                return stay(std::move(s));
            },
            [&](const SessionsLoaded& l) -> OfficerStep {
                s.sessions.loaded = true;
                s.sessions.today = l.today;
                s.sessions.sessions = l.sessions;
                if (entryText(s, kEntrySessionDate).empty()) s.entry.text[kEntrySessionDate] = l.today;
                return stay(std::move(s));
            },
            [&](const SubmitSession&) -> OfficerStep {
                const std::string date = trimmed(entryText(s, kEntrySessionDate));
                const std::string venue = trimmed(entryText(s, kEntrySessionVenue));
                const std::string officer = trimmed(entryText(s, kEntrySessionOfficer));
                if (venue.empty() || officer.empty()) {
                    setNotice(s, "Type the venue and the officer's name first.", true);
                    return stay(std::move(s));
                }
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveSessionOpen{date, venue, officer, actor(step.state)});
                step.state.entry.text[kEntrySessionVenue].clear();
                return step;
            },
            [&](const AskCloseSession& a) -> OfficerStep {
                s.sessions.confirmClose = a.sessionId;
                return stay(std::move(s));
            },
            [&](const ConfirmCloseSession&) -> OfficerStep {
                if (!s.sessions.confirmClose) return stay(std::move(s));
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveSessionClose{*step.state.sessions.confirmClose, actor(step.state)});
                return step;
            },
            [&](const CancelConfirm&) -> OfficerStep {
                s.sessions.confirmClose.reset();
                if (s.roster.mode != RosterMode::List) {
                    s.roster.mode = RosterMode::List;
                    s.roster.target.clear();
                    s.entry.focus.clear();
                    if (s.roster.returnToPresenter) {
                        s.page = OfficerPage::Presenter;
                        s.roster.returnToPresenter = false;
                    }
                }
                return stay(std::move(s));
            },
            [&](const RosterLoaded& l) -> OfficerStep {
                s.roster.loaded = true;
                s.roster.sessionId = l.sessionId;
                s.roster.sessionLabel = l.sessionLabel;
                s.roster.rows = l.rows;
                // Ticks for people no longer on the roster are dropped.
                for (auto it = s.presenter.present.begin(); it != s.presenter.present.end();)
                    it = rosterRow(s, *it) ? std::next(it) : s.presenter.present.erase(it);
                return stay(std::move(s));
            },
            [&](const RosterStartAdd& a) -> OfficerStep {
                // From the attendance list: add on the roster page, then come back.
                const bool fromPresenter = s.page == OfficerPage::Presenter;
                if (!pageAllowed(s.officer->role, OfficerPage::Roster)) return stay(std::move(s));
                s.page = OfficerPage::Roster;
                auto step = onRoster(std::move(s), a);
                step.state.roster.returnToPresenter = fromPresenter;
                return step;
            },
            [&](const LockedOfficersLoaded& l) -> OfficerStep {
                s.lockedOfficers = l.names;
                return stay(std::move(s));
            },
            [&](const UnlockOther& u) -> OfficerStep {
                if (s.officer->role != OfficerRole::Officer || u.name == s.officer->name) return stay(std::move(s));
                OfficerStep step{std::move(s), {}};
                step.effects.push_back(SaveOfficerUnlock{u.name, actor(step.state), step.state.officer->role});
                return step;
            },
            [&](const AdminEvent& a) { return reduceAdmin(std::move(s), a); },
            [&](const auto&) -> OfficerStep {
                if (s.page == OfficerPage::Roster) return onRoster(std::move(s), e);
                if (s.page == OfficerPage::Presenter) return onPresenter(std::move(s), e);
                return stay(std::move(s));
            },
        },
        e);
}

}  // namespace

bool pageAllowed(OfficerRole role, OfficerPage page) {
    if (role == OfficerRole::Officer) return true;
    return page == OfficerPage::PinPad || page == OfficerPage::Home || page == OfficerPage::Printing ||
           page == OfficerPage::PrintQueue;
}

OfficerState initialOfficerState(const OfficerConfig& config) {
    OfficerState s;
    s.config = config;
    return s;
}

OfficerState lockedState(OfficerState state) {
    OfficerState s;
    s.config = std::move(state.config);
    s.active = state.active;
    s.pin.loaded = state.pin.loaded;
    s.pin.officers = std::move(state.pin.officers);
    wipeDigits(state.pin.digits);
    s.presenter.slide = state.presenter.slide;  // where the room was; no personal data
    return s;
}

OfficerStep reduceOfficer(OfficerState state, const OfficerEvent& event) {
    if (std::holds_alternative<EnterOfficer>(event)) {
        if (state.active) return stay(std::move(state));
        OfficerState s = lockedState(std::move(state));
        s.active = true;
        s.pin = {};
        return {std::move(s), {LoadOfficers{}}};
    }
    if (!state.active) return stay(std::move(state));
    if (const auto* t = std::get_if<OfficerTick>(&event)) {
        state.idle += t->elapsed;
        if (state.pin.lockedFor) {
            *state.pin.lockedFor -= t->elapsed;
            if (state.pin.lockedFor->count() <= 0) {
                state.pin.lockedFor.reset();
                state.pin.message.clear();
            }
        }
        if (state.officer && state.idle >= state.config.autoLockAfter) {
            OfficerState s = lockedState(std::move(state));
            s.pin.message = "Locked after 2 minutes without input.";
            return {std::move(s), {WipeOfficerInput{}, LoadOfficers{}}};
        }
        // The PIN pad itself times out back to the candidate flow, so it never sits open unattended.
        if (!state.officer && state.idle >= state.config.autoLockAfter) {
            OfficerState s = lockedState(std::move(state));
            s.active = false;
            return {std::move(s), {WipeOfficerInput{}}};
        }
        return stay(std::move(state));
    }
    // Only a touch or key restarts the idle clock (kiosk/main sends OfficerInput for each): effect results
    // and the print worker's news, with the reloads they ask for, keep an unattended officer mode locking.
    if (std::holds_alternative<OfficerInput>(event)) {
        state.idle = Millis{0};
        return stay(std::move(state));
    }
    if (std::holds_alternative<LeaveOfficer>(event)) {
        OfficerState s = lockedState(std::move(state));
        s.active = false;
        return {std::move(s), {WipeOfficerInput{}}};
    }
    if (std::holds_alternative<LockOfficer>(event)) {
        OfficerState s = lockedState(std::move(state));
        return {std::move(s), {WipeOfficerInput{}, LoadOfficers{}}};
    }
    // The on-screen keyboard works on every page.
    if (const auto* f = std::get_if<EntryFocus>(&event)) {
        state.entry.focus = f->key;
        return stay(std::move(state));
    }
    if (const auto* k = std::get_if<EntryKey>(&event)) {
        insertText(state, k->text);
        return stay(std::move(state));
    }
    if (std::holds_alternative<EntryBackspace>(event)) {
        if (!state.entry.focus.empty()) popCodePoint(state.entry.text[state.entry.focus]);
        return stay(std::move(state));
    }
    if (std::holds_alternative<EntryShift>(event)) {
        state.entry.shift = !state.entry.shift;
        return stay(std::move(state));
    }
    if (std::holds_alternative<EntryAccents>(event)) {
        state.entry.accents = !state.entry.accents;
        return stay(std::move(state));
    }
    if (const auto* ed = std::get_if<EntryEdit>(&event)) {
        std::string v = content::text::repairUtf8(ed->value);
        while (codePoints(v) > kMaxEntryCodePoints) popCodePoint(v);
        state.entry.text[ed->key] = std::move(v);
        state.entry.focus = ed->key;
        return stay(std::move(state));
    }

    if (!state.officer) {  // the PIN pad
        auto& pin = state.pin;
        return std::visit(
            Overloaded{
                [&](const OfficersLoaded& l) -> OfficerStep {
                    pin.loaded = true;
                    pin.officers = l.officers;
                    if (!l.problem.empty()) pin.message = l.problem;
                    if (pin.officers.size() == 1) {  // one account: pick it straight away
                        pin.selected = pin.officers.front().name;
                        CheckLockout check{pin.selected};  // before `state` is moved from
                        return {std::move(state), {std::move(check)}};
                    }
                    return stay(std::move(state));
                },
                [&](const PickOfficer& p) -> OfficerStep {
                    const bool known = std::any_of(pin.officers.begin(), pin.officers.end(),
                                                   [&](const OfficerAccount& a) { return a.name == p.name; });
                    if (!known || pin.checking) return stay(std::move(state));
                    wipeDigits(pin.digits);
                    pin.selected = p.name;
                    pin.lockedFor.reset();
                    pin.attemptsLeft = -1;
                    pin.message.clear();
                    return {std::move(state), {CheckLockout{p.name}}};
                },
                [&](const LockoutChecked& l) -> OfficerStep {
                    if (l.name != pin.selected) return stay(std::move(state));
                    if (l.remaining.count() > 0) {
                        pin.lockedFor = l.remaining;
                        pin.message = "Too many wrong PINs.";
                    } else {
                        pin.lockedFor.reset();
                    }
                    return stay(std::move(state));
                },
                [&](const PinAccepted& a) -> OfficerStep {
                    pin = {};
                    state.officer = SignedIn{a.name, a.role};
                    state.page = OfficerPage::Home;
                    state.notice.clear();
                    if (a.role != OfficerRole::Officer) return stay(std::move(state));
                    return {std::move(state), {LoadLockedOfficers{}}};
                },
                [&](const PinWrong& w) -> OfficerStep {
                    pin.checking = false;
                    pin.attemptsLeft = w.attemptsLeft;
                    pin.message = "Wrong PIN.";
                    return stay(std::move(state));
                },
                [&](const PinLockedOut& l) -> OfficerStep {
                    pin.checking = false;
                    pin.lockedFor = l.remaining;
                    pin.message = "Too many wrong PINs.";
                    return stay(std::move(state));
                },
                [&](const PinProblem& p) -> OfficerStep {
                    pin.checking = false;
                    pin.message = p.message;
                    return stay(std::move(state));
                },
                [&](const PinDigit&) { return onPin(std::move(state), event); },
                [&](const PinDelete&) { return onPin(std::move(state), event); },
                [&](const PinSubmit&) { return onPin(std::move(state), event); },
                [&](const auto&) -> OfficerStep { return stay(std::move(state)); },
            },
            event);
    }
    return onSignedIn(std::move(state), event);
}

const std::string& entryText(const OfficerState& state, const std::string& key) {
    static const std::string kEmpty;
    const auto it = state.entry.text.find(key);
    return it == state.entry.text.end() ? kEmpty : it->second;
}

int lockoutSeconds(const OfficerState& state) {
    if (!state.pin.lockedFor) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(*state.pin.lockedFor).count());
}

int autoLockSeconds(const OfficerState& state) {
    const auto left = state.config.autoLockAfter - state.idle;
    return left.count() <= 0 ? 0 : static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count());
}

bool officerNeedsTicks(const OfficerState& state) { return state.active; }

namespace detail {

std::string trimmed(const std::string& s) { return content::text::sanitiseLine(content::text::repairUtf8(s)).value; }

void setNotice(OfficerState& s, std::string text, bool bad) {
    s.notice = std::move(text);
    s.noticeBad = bad;
}

std::string lowerAscii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

OfficerStep stay(OfficerState s) { return {std::move(s), {}}; }

std::string actor(const OfficerState& s) { return s.officer ? s.officer->name : std::string(); }

}  // namespace detail
}  // namespace kiosk::flow
