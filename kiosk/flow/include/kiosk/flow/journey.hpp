// The kiosk journey as a value plus a pure reducer: reduce(state, event) -> {state, effects}.
// Layer: kiosk/flow. No ImGui, SDL or SQLite; the idle reset is driven by Tick events, never by sleeping.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::flow {

using Millis = std::chrono::milliseconds;

// ---- Screens: one struct per screen, holding only that screen's own state ----
struct Attract {};
struct ChooseLanguage {};
struct PrivacyNotice {};
enum class SaveStatus { Editing, Saving, NotSaved };
struct CheckIn {
    SaveStatus status = SaveStatus::Editing;
};
struct ModuleList {};
struct ModuleView {
    int index = 0;  // into Config::modules
    SaveStatus status = SaveStatus::Editing;
};
struct SafetyPlanScreen {};
enum class PrintStatus { NotRequested, Printing, Queued, Failed };
struct Review {};
struct Done {};
using Screen = std::variant<Attract, ChooseLanguage, PrivacyNotice, CheckIn, ModuleList, ModuleView,
                            SafetyPlanScreen, Review, Done>;

// What the flow needs to know about one module (the document itself stays in content/).
struct ModuleInfo {
    std::string id;
    std::vector<std::string> questions;  // ids of its knowledge checks and scenarios
};

struct Config {
    std::string firstLanguage = "en-GB";  // the language offered first (force profile / officer setting)
    Millis idleTimeout{90'000};
    Millis idleCountdown{20'000};
    bool allowSkipModules = false;  // officer setting: may modules be opened out of order / left unfinished
    int retentionDays = 90;
    std::string noticeVersion;
    std::vector<ModuleInfo> modules;
    // The course's languages. With one (a course for Scotland or Northern Ireland is English only) the
    // language screen is skipped and no other language is offered.
    std::vector<std::string> languages{"en-GB", "cy"};
    // Whether the printed pack can show this text (the pack's font, no right-to-left or shaped scripts).
    // Empty: everything is printable. Set by kiosk/app from print's font coverage.
    std::function<bool(std::string_view)> printable;
};

// Check-in fields and the safety plan questions, addressed by the UI.
enum class Field { Name, Constituency, Email, Phone, PlanPartner, PlanWhoKnows, PlanCheckInTimes, PlanLockDown };
inline constexpr int kFieldCount = 8;
inline constexpr std::size_t kMaxFieldCodePoints = 120;

// Unprintable: letters the safety pack cannot print (e.g. Arabic script): the candidate is asked for a
// Latin spelling, or to ask staff, instead of a pack with gaps in their name.
enum class FieldProblem { None, Empty, TooLong, InvalidText, BadEmail, BadPhone, Unprintable };

// Everything one candidate has entered or chosen. Wiped (reset to {}) at the end of their visit.
struct Candidate {
    bool consented = false;
    std::map<Field, std::string> text;  // what is in each box, valid UTF-8 (not yet trimmed)
    std::map<Field, FieldProblem> problems;  // shown after a failed "Confirm"
    std::string token;                  // idempotency token for the check-in commit
    std::string candidateId;            // set once the check-in is committed
    std::map<std::string, int> answers;  // "<module>/<question>" -> chosen option
    std::vector<std::string> completed;  // module ids saved to the store
    bool keepPlan = true;     // keep for a reprint (false: print only)
    bool planInPack = true;
    bool largePrint = false;
    PrintStatus print = PrintStatus::NotRequested;
    std::string printProblem;
    int textSize = 0;  // 0 = A, 1 = A+, 2 = A++
    bool highContrast = false;
    std::string lastError;  // why the last save failed (for the officer line on screen)
    // On-screen keyboard: the box it types into, shift (released after one letter) and the accent page.
    std::optional<Field> focus;
    bool shift = false;
    bool accents = false;
};

struct State {
    Screen screen = Attract{};
    std::string lang = "en-GB";
    Millis idle{0};                    // time since the last input
    std::optional<Millis> countdown;   // set while "Are you still there?" counts down
    Candidate candidate;
    Config config;
    int tokenCounter = 0;  // makes tokens unique per kiosk run alongside the seed
    std::string tokenSeed;  // set by kiosk/main (random) so tokens are unique across runs
};

// ---- Events ----
struct Touch {};  // any touch or key on the attract screen
struct PickLanguage {  // switch language on any screen, keeping everything
    std::string lang;
};
struct StartIn {  // the language screen: choose and continue
    std::string lang;
};
struct Back {};
struct UserActivity {};  // any input at all: resets the idle timer and cancels the countdown
struct Tick {
    Millis elapsed;
};
struct AcceptPrivacy {};
struct EditField {
    Field field;
    std::string value;  // raw box content; invalid UTF-8 is repaired, controls dropped
};
struct ConfirmCheckIn {};
struct CheckInSaved {
    std::string candidateId;
};
struct NotSaved {  // result of any save effect that failed
    std::string reason;
};
struct OpenModule {
    int index;
};
struct Answer {
    std::string question;  // question id within the open module
    int option;
};
struct CompleteModule {};
struct ModuleSaved {
    std::string moduleId;
};
struct ToSafetyPlan {};
struct SetKeepPlan {
    bool keep;
};
struct SetPlanInPack {
    bool include;
};
struct ToReview {};
struct SetLargePrint {
    bool large;
};
struct RequestPrint {};
struct PrintQueued {};
struct PrintFailed {
    std::string reason;
};
struct Finish {};  // review -> done
struct StartAgain {};  // done -> attract (wipes)
struct SetTextSize {
    int size;
};
struct SetHighContrast {
    bool on;
};
struct FocusField {
    Field field;
};
struct KeyText {  // an on-screen key: text appended to the focused box
    std::string text;
};
struct KeyBackspace {};
struct ToggleShift {};
struct ToggleAccents {};
using Event = std::variant<FocusField, KeyText, KeyBackspace, ToggleShift, ToggleAccents, Touch, PickLanguage, StartIn, Back, UserActivity, Tick, AcceptPrivacy, EditField,
                           ConfirmCheckIn, CheckInSaved, NotSaved, OpenModule, Answer, CompleteModule, ModuleSaved,
                           ToSafetyPlan, SetKeepPlan, SetPlanInPack, ToReview, SetLargePrint, RequestPrint,
                           PrintQueued, PrintFailed, Finish, StartAgain, SetTextSize, SetHighContrast>;

// ---- Effects: requests for kiosk/main to carry out; results come back as events ----
struct WipeCandidate {};  // clear every buffer that may hold a candidate's input
struct CommitCheckIn {    // -> CheckInSaved or NotSaved
    std::string token;
    std::string name, constituency;
    std::optional<std::string> email, phone;
    std::string lang;
    std::string noticeVersion;
};
struct SaveModule {  // -> ModuleSaved or NotSaved
    std::string candidateId;
    std::string moduleId;
    std::vector<std::pair<std::string, std::string>> answers;  // question id -> chosen option (as text)
};
struct SavePlan {  // fire and forget apart from NotSaved
    std::string candidateId;
    std::vector<std::pair<std::string, std::string>> answers;
    bool keep = true;
};
struct PrintPack {  // -> PrintQueued or PrintFailed
    std::string candidateId;
    std::string lang;
    bool largePrint = false;
    bool includePlan = true;
};
using Effect = std::variant<WipeCandidate, CommitCheckIn, SaveModule, SavePlan, PrintPack>;

struct Step {
    State state;
    std::vector<Effect> effects;
};

State initialState(const Config& config);
Step reduce(State state, const Event& event);

// Whether the current screen needs Tick events at all (the attract screen does not), so the main loop
// can sleep for longer when nothing is counting down.
bool needsTicks(const State& state);

// ---- Queries the screens use (pure) ----
// Steps of the progress indicator: 1-based current step and the total, 0 on attract/language.
struct Progress {
    int step = 0;
    int total = 0;
};
Progress progress(const State& state);
const std::string& fieldText(const State& state, Field field);
bool moduleCompleted(const State& state, const std::string& moduleId);
bool moduleOpenable(const State& state, int index);
bool allModulesCompleted(const State& state);
std::optional<int> answerOf(const State& state, const std::string& moduleId, const std::string& question);
// Validates one check-in field (trimmed, sanitised): FieldProblem::None when fine.
FieldProblem validateField(Field field, const std::string& text);
// Seconds left on the "Are you still there?" countdown (rounded up), or 0.
int countdownSeconds(const State& state);
// Whether the course offers `lang`.
bool offersLanguage(const Config& config, std::string_view lang);
// The screen's name for galleries and logs: "attract", "language", "privacy", "check-in", ...
std::string screenName(const Screen& screen);

}  // namespace kiosk::flow
