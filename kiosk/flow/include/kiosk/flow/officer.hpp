// Officer mode as a value plus a pure reducer: reduceOfficer(state, event) -> {state, effects}. PIN pad,
// home menu, sessions, live roster and presenter mode here; the admin pages in officer_admin.hpp.
// Layer: kiosk/flow. Plain value types only (rows are filled by kiosk/app); auto-lock is driven by ticks.
#pragma once

#include "kiosk/flow/journey.hpp"
#include "kiosk/flow/officer_admin.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::flow {

// Every page of officer mode. PinPad is the locked state.
enum class OfficerPage {
    PinPad,
    Home,
    Presenter,
    Sessions,
    Roster,
    Printing,    // reprint one pack, batch print the session (helper B)
    PrintQueue,  // failed jobs, retry, cancel (B)
    Printer,     // test page, choose the printer (B)
    Export,      // roster to CSV/JSON on a drive (B)
    Retention,   // purge preview, purge now, erase one candidate (B)
    Settings,    // officer settings (B)
    Status,      // content, law-as-at, database, disk, printer (B)
    ConfirmExit, // quit the kiosk, with confirmation (B)
};
inline constexpr int kOfficerPageCount = 13;

// The signed-in account's role (records::OfficerRole mirrored: flow does not know the store).
enum class OfficerRole { Officer, PrintOperator };

// Officer: every page. Print operator: Home, Printing and PrintQueue only (and the PIN pad).
bool pageAllowed(OfficerRole role, OfficerPage page);
// Stable name for galleries, probes and logs: "pin", "home", "presenter", "print-queue", ...
const char* pageKey(OfficerPage page);
// English title shown at the top of the page.
const char* pageTitle(OfficerPage page);

struct MenuItem {
    OfficerPage page;
    const char* label;  // button text, also its probe label ("menu:" + pageKey)
    const char* hint;   // one line under it
};
// The home menu for `role`: every page the role may open, in a fixed order.
std::vector<MenuItem> homeMenu(OfficerRole role);

struct OfficerAccount {
    std::string name;
    OfficerRole role = OfficerRole::Officer;
};
struct SignedIn {
    std::string name;
    OfficerRole role = OfficerRole::Officer;
};

struct OfficerConfig {
    std::vector<ModuleInfo> modules;          // the course, for presenter mode and "x of 8" counts
    Millis autoLockAfter{120'000};            // kiosk/app sets officer::kAutoLockAfter
};

// ---- Page state ----
struct PinPadState {
    bool loaded = false;                  // officer names have been read
    std::vector<OfficerAccount> officers; // empty once loaded: "run `briefing set-pin`"
    std::string selected;                 // the officer whose PIN is being entered
    std::string digits;                   // the PIN typed so far (shown as dots; wiped after each try)
    std::optional<Millis> lockedFor;      // the selected officer's remaining lockout, counting down
    int attemptsLeft = -1;                // after a wrong PIN: tries left before a lockout (-1: none yet)
    std::string message;                  // the last try's outcome, or a store problem
    bool checking = false;                // a verify is in flight
};

// Text typed with the on-screen keyboard (or a physical one), by entry key (see kEntry* below; the
// admin pages may use their own keys). Cleared when officer mode locks.
struct TextEntry {
    std::map<std::string, std::string> text;
    std::string focus;  // key of the box the on-screen keyboard types into ("" = none)
    bool shift = false;
    bool accents = false;
};
inline constexpr const char* kEntrySessionDate = "session-date";
inline constexpr const char* kEntrySessionVenue = "session-venue";
inline constexpr const char* kEntrySessionOfficer = "session-officer";
inline constexpr const char* kEntrySearch = "roster-search";
inline constexpr const char* kEntryAddName = "roster-add-name";
inline constexpr const char* kEntryAddConstituency = "roster-add-constituency";
inline constexpr const char* kEntryCorrectName = "roster-correct-name";

struct SessionRow {
    std::string id;
    std::string date;  // YYYY-MM-DD
    std::string venue;
    std::string officer;
    bool open = false;
    int attendees = 0;
};
struct SessionsPageState {
    bool loaded = false;
    std::string today;                    // YYYY-MM-DD, Europe/London, from kiosk/app
    std::vector<SessionRow> sessions;     // today's sessions and any still open, newest first
    std::optional<std::string> confirmClose;  // id of the session awaiting "Close it?"
};

struct RosterRow {
    std::string candidateId;
    std::string name;
    std::string constituency;
    std::string checkedInAt;  // HH:MM local time
    int modulesDone = 0;
    int modulesTotal = 0;
    int checksRight = 0;      // knowledge checks and scenarios answered right
    int checksAnswered = 0;
    bool manual = false;      // added by hand by an officer
    bool namePrintable = true;  // false: the pack's font cannot show the name (enter a Latin spelling)
    std::string packStatus;   // "none", "queued", "sent", "done", "failed", "cancelled"
    bool packPrinted() const { return packStatus == "done" || packStatus == "sent"; }
};
enum class RosterMode { List, Add, Correct, ConfirmRemove };
struct RosterPageState {
    bool loaded = false;
    std::string sessionId;     // the session shown: today's open one, else today's walk-in session
    std::string sessionLabel;  // "2026-11-27, Town Hall (open)"
    std::vector<RosterRow> rows;
    RosterMode mode = RosterMode::List;
    std::string target;        // candidate being corrected or removed
    bool returnToPresenter = false;  // "add by hand" from the attendance list goes back there
};

struct PresenterState {
    int slide = 0;                 // index into config.modules
    std::optional<int> check;      // the question shown to the room (index into the module's questions)
    bool revealed = false;
    bool attendance = false;       // the attendance list is shown instead of slides
    std::set<int> shown;           // modules shown to the room (credited on attendance)
    std::set<std::string> present; // candidate ids ticked present
};

struct OfficerState {
    bool active = false;  // officer mode is on screen (the journey is paused)
    OfficerPage page = OfficerPage::PinPad;
    std::optional<SignedIn> officer;  // nullopt: locked
    Millis idle{0};                   // time since the last officer input
    OfficerConfig config;
    PinPadState pin;
    TextEntry entry;
    std::string notice;  // one line at the top of the page: the last action's outcome
    bool noticeBad = false;
    SessionsPageState sessions;
    RosterPageState roster;
    PresenterState presenter;
    std::vector<std::string> lockedOfficers;  // other accounts locked out now (home page, officers only)
    AdminState admin;  // helper B's pages
};

// ---- Events ----
struct EnterOfficer {};  // the hidden gesture: show the PIN pad
struct OfficersLoaded {
    std::vector<OfficerAccount> officers;
    std::string problem;  // the store could not be read
};
struct PickOfficer {
    std::string name;
};
struct LockoutChecked {  // answer to CheckLockout
    std::string name;
    Millis remaining{0};  // 0: not locked out
};
struct PinDigit {
    char digit;  // '0'..'9'
};
struct PinDelete {};
struct PinSubmit {};
struct PinAccepted {
    std::string name;
    OfficerRole role = OfficerRole::Officer;
};
struct PinWrong {
    int attemptsLeft = 0;
};
struct PinLockedOut {
    Millis remaining{0};
};
struct PinProblem {  // no officers, unknown officer, store error
    std::string message;
};
struct OfficerTick {
    Millis elapsed;
};
struct OfficerInput {};  // any officer input: resets the auto-lock timer
struct LockOfficer {};   // "Lock" button: back to the PIN pad
struct LeaveOfficer {};  // back to the candidate flow (always locks)
struct ShowPage {
    OfficerPage page;
};
struct EntryFocus {
    std::string key;
};
struct EntryKey {  // on-screen key: text appended to the focused box
    std::string text;
};
struct EntryBackspace {};
struct EntryShift {};
struct EntryAccents {};
struct EntryEdit {  // typed on a physical keyboard: the box's whole new content
    std::string key;
    std::string value;
};
struct OfficerSaved {  // an officer action succeeded: the notice, and the page reloads
    std::string message;
};
struct OfficerNotSaved {
    std::string reason;
};
struct SessionsLoaded {
    std::string today;
    std::vector<SessionRow> sessions;
};
struct SubmitSession {};  // open a session from the date/venue/officer boxes
struct AskCloseSession {
    std::string sessionId;
};
struct ConfirmCloseSession {};
struct CancelConfirm {};  // any "No, keep it" on a confirmation
struct RosterLoaded {
    std::string sessionId;
    std::string sessionLabel;
    std::vector<RosterRow> rows;
};
struct RosterStartAdd {};
struct RosterSubmitAdd {};
struct RosterStartCorrect {
    std::string candidateId;
};
struct RosterSubmitCorrect {};
struct RosterAskRemove {
    std::string candidateId;
};
struct RosterConfirmRemove {};
struct SlideNext {};
struct SlidePrev {};
struct SlideJump {
    int index;
};
struct ShowCheck {
    int question;  // index into the module's questions
};
struct RevealAnswer {};
struct HideCheck {};
struct StartAttendance {};
struct TogglePresent {
    std::string candidateId;
};
struct SubmitAttendance {};
struct AttendanceSaved {  // result of SaveAttendance: the ticks are cleared
    std::string message;
};
struct EndAttendance {};  // back to the slides
struct LockedOfficersLoaded {
    std::vector<std::string> names;
};
struct UnlockOther {  // lift another officer's lockout (officers only)
    std::string name;
};

using OfficerEvent =
    std::variant<EnterOfficer, OfficersLoaded, PickOfficer, LockoutChecked, PinDigit, PinDelete, PinSubmit,
                 PinAccepted, PinWrong, PinLockedOut, PinProblem, OfficerTick, OfficerInput, LockOfficer,
                 LeaveOfficer, ShowPage, EntryFocus, EntryKey, EntryBackspace, EntryShift, EntryAccents, EntryEdit,
                 OfficerSaved, OfficerNotSaved, SessionsLoaded, SubmitSession, AskCloseSession,
                 ConfirmCloseSession, CancelConfirm, RosterLoaded, RosterStartAdd, RosterSubmitAdd,
                 RosterStartCorrect, RosterSubmitCorrect, RosterAskRemove, RosterConfirmRemove, SlideNext,
                 SlidePrev, SlideJump, ShowCheck, RevealAnswer, HideCheck, StartAttendance, TogglePresent,
                 SubmitAttendance, AttendanceSaved, EndAttendance, LockedOfficersLoaded, UnlockOther,
                 AdminEvent>;

// ---- Effects (run by kiosk/app's OfficerEffectRunner; results come back as events) ----
struct LoadOfficers {};  // -> OfficersLoaded
struct CheckLockout {    // -> LockoutChecked (never audited: safe to ask every time)
    std::string name;
};
struct VerifyPin {  // -> PinAccepted | PinWrong | PinLockedOut | PinProblem; the runner wipes `pin`
    std::string name;
    std::string pin;
};
struct WipeOfficerInput {};  // forget ImGui's copies of typed text (on lock)
struct LoadSessions {};      // -> SessionsLoaded
struct SaveSessionOpen {     // -> OfficerSaved | OfficerNotSaved
    std::string date, venue, officer;
    std::string actor;
};
struct SaveSessionClose {
    std::string sessionId;
    std::string actor;
};
struct LoadRoster {  // -> RosterLoaded; audited "view-roster" when `audit` (entering the page)
    std::string actor;
    bool audit = true;
};
struct SaveManualCheckIn {  // paper fallback, audited "checkin-manual"
    std::string sessionId;
    std::string name, constituency;
    std::string actor;
};
struct SaveNameCorrection {
    std::string candidateId;
    std::string name;
    std::string actor;
};
struct SaveDuplicateRemoval {
    std::string candidateId;
    std::string sessionId;
    std::string actor;
};
struct SaveAttendance {  // -> AttendanceSaved | OfficerNotSaved; the modules shown in presenter mode, credited to everyone present
    std::string sessionId;
    std::vector<std::string> candidateIds;
    std::vector<std::string> moduleIds;
    std::string actor;
};
struct LoadLockedOfficers {};  // -> LockedOfficersLoaded (never audited)
struct SaveOfficerUnlock {     // -> OfficerSaved | OfficerNotSaved; audited "officer-unlock"
    std::string name;
    std::string actor;
    OfficerRole actorRole = OfficerRole::Officer;
};
using OfficerEffect = std::variant<LoadOfficers, CheckLockout, VerifyPin, WipeOfficerInput, LoadSessions,
                                   SaveSessionOpen, SaveSessionClose, LoadRoster, SaveManualCheckIn,
                                   SaveNameCorrection, SaveDuplicateRemoval, SaveAttendance, LoadLockedOfficers,
                                   SaveOfficerUnlock, AdminEffect>;

struct OfficerStep {
    OfficerState state;
    std::vector<OfficerEffect> effects;
};

OfficerState initialOfficerState(const OfficerConfig& config);
OfficerStep reduceOfficer(OfficerState state, const OfficerEvent& event);

// The locked state: signed out, every page's data (personal data included) dropped, still `active`.
OfficerState lockedState(OfficerState state);

// ---- Queries the pages use (pure) ----
const std::string& entryText(const OfficerState& state, const std::string& key);
// Roster rows whose name contains the search box's text (case-insensitive for ASCII letters).
std::vector<RosterRow> visibleRosterRows(const OfficerState& state);
const RosterRow* rosterRow(const OfficerState& state, const std::string& candidateId);
// Seconds (rounded up) of the selected officer's lockout, or 0.
int lockoutSeconds(const OfficerState& state);
// Seconds before the auto-lock, rounded up.
int autoLockSeconds(const OfficerState& state);
// Whether the main loop must keep ticking (officer mode open, or a lockout counting down).
bool officerNeedsTicks(const OfficerState& state);

}  // namespace kiosk::flow
