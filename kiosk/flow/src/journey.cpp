// The journey reducer. Layer: kiosk/flow (pure).
#include "kiosk/flow/journey.hpp"

#include "content/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kiosk::flow {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

const std::string kEmptyText;

template <class T>
bool on(const State& s) {
    return std::holds_alternative<T>(s.screen);
}

Step backToStart(State s) {
    s.screen = Attract{};
    s.lang = s.config.firstLanguage;
    s.idle = Millis{0};
    s.countdown.reset();
    s.candidate = Candidate{};
    return {std::move(s), {WipeCandidate{}}};
}

// A UUID v4-shaped token from the kiosk's random seed (32 hex digits) and a counter: unique per candidate
// within a run, and across runs as long as the seed is random.
std::string makeToken(const std::string& seed, int counter) {
    std::string hex = seed;
    hex.erase(std::remove_if(hex.begin(), hex.end(), [](char c) { return !std::isxdigit(static_cast<unsigned char>(c)); }),
              hex.end());
    hex.resize(32, '0');
    char tail[9];
    std::snprintf(tail, sizeof tail, "%08x", static_cast<unsigned>(std::stoul(hex.substr(24, 8), nullptr, 16) ^
                                                                   static_cast<unsigned>(counter)));
    hex.replace(24, 8, tail);
    hex[12] = '4';
    hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
    std::transform(hex.begin(), hex.end(), hex.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

// What a box may hold while the candidate types: valid UTF-8 without control characters. Trimming and
// NFC wait for the confirm, so a space typed between two words survives.
std::string cleanTyping(const std::string& raw) {
    std::string repaired = content::text::repairUtf8(raw);
    std::string out;
    for (char32_t cp : content::text::decode(repaired)) {
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069))
            continue;
        content::text::appendUtf8(out, cp);
    }
    // A paste cannot grow a box without bound; validation reports "too long" well before this.
    while (content::text::codePointCount(out) > kMaxFieldCodePoints * 2) {
        out.pop_back();
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    }
    return out;
}

std::string sanitised(const std::string& s) {
    try {
        return content::text::sanitiseLine(s).value;
    } catch (const std::invalid_argument&) {
        return {};
    }
}

const ModuleInfo* openModule(const State& s) {
    const auto* v = std::get_if<ModuleView>(&s.screen);
    if (!v || v->index < 0 || v->index >= static_cast<int>(s.config.modules.size())) return nullptr;
    return &s.config.modules[static_cast<std::size_t>(v->index)];
}

constexpr Field kCheckInFields[] = {Field::Name, Field::Constituency, Field::Email, Field::Phone};
constexpr Field kPlanFields[] = {Field::PlanPartner, Field::PlanWhoKnows, Field::PlanCheckInTimes,
                                 Field::PlanLockDown};

const char* planKey(Field f) {
    switch (f) {
        case Field::PlanPartner: return "canvassing_partner";
        case Field::PlanWhoKnows: return "who_knows_where_i_am";
        case Field::PlanCheckInTimes: return "check_in_times";
        case Field::PlanLockDown: return "lock_down_online";
        default: return "";
    }
}

std::vector<std::pair<std::string, std::string>> planAnswers(const State& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (Field f : kPlanFields) {
        const std::string v = sanitised(fieldText(s, f));
        if (!v.empty()) out.emplace_back(planKey(f), v);
    }
    return out;
}

bool fieldEditable(const State& s, Field field) {
    const bool checkInField =
        field == Field::Name || field == Field::Constituency || field == Field::Email || field == Field::Phone;
    const auto* c = std::get_if<CheckIn>(&s.screen);
    return checkInField ? (c && c->status != SaveStatus::Saving && s.candidate.candidateId.empty())
                        : std::holds_alternative<SafetyPlanScreen>(s.screen);
}

Step onBack(State s) {
    return std::visit(Overloaded{
                          [&](const Attract&) -> Step { return {std::move(s), {}}; },
                          [&](const ChooseLanguage&) -> Step { return backToStart(std::move(s)); },
                          [&](const PrivacyNotice&) -> Step {
                              if (s.config.languages.size() < 2) return backToStart(std::move(s));
                              s.screen = ChooseLanguage{};
                              return {std::move(s), {}};
                          },
                          [&](const CheckIn& c) -> Step {
                              if (c.status != SaveStatus::Saving) s.screen = PrivacyNotice{};
                              return {std::move(s), {}};
                          },
                          [&](const ModuleList&) -> Step {
                              s.screen = CheckIn{};
                              return {std::move(s), {}};
                          },
                          [&](const ModuleView& m) -> Step {
                              if (m.status != SaveStatus::Saving) s.screen = ModuleList{};
                              return {std::move(s), {}};
                          },
                          [&](const SafetyPlanScreen&) -> Step {
                              s.screen = ModuleList{};
                              return {std::move(s), {}};
                          },
                          [&](const Review&) -> Step {
                              if (!printInFlight(s)) s.screen = SafetyPlanScreen{};
                              return {std::move(s), {}};
                          },
                          [&](const Done&) -> Step {
                              s.screen = Review{};
                              return {std::move(s), {}};
                          },
                      },
                      s.screen);
}

Step onConfirmCheckIn(State s) {
    auto* c = std::get_if<CheckIn>(&s.screen);
    if (!c || c->status == SaveStatus::Saving) return {std::move(s), {}};
    if (!s.candidate.candidateId.empty()) {  // already committed: confirming again just moves on
        s.screen = ModuleList{};
        return {std::move(s), {}};
    }
    bool ok = true;
    s.candidate.problems.clear();
    for (Field f : kCheckInFields) {
        FieldProblem p = validateField(f, fieldText(s, f));
        const bool printed = f == Field::Name || f == Field::Constituency;  // both appear on every page
        if (p == FieldProblem::None && printed && s.config.printable &&
            !s.config.printable(sanitised(fieldText(s, f))))
            p = FieldProblem::Unprintable;
        if (p != FieldProblem::None) {
            s.candidate.problems[f] = p;
            ok = false;
        }
    }
    if (!ok) return {std::move(s), {}};
    CommitCheckIn e;
    e.token = s.candidate.token;
    e.name = sanitised(fieldText(s, Field::Name));
    e.constituency = sanitised(fieldText(s, Field::Constituency));
    if (auto v = sanitised(fieldText(s, Field::Email)); !v.empty()) e.email = v;
    if (auto v = sanitised(fieldText(s, Field::Phone)); !v.empty()) e.phone = v;
    e.lang = s.lang;
    e.noticeVersion = s.config.noticeVersion;
    c->status = SaveStatus::Saving;
    return {std::move(s), {std::move(e)}};
}

Step onCompleteModule(State s) {
    auto* v = std::get_if<ModuleView>(&s.screen);
    const ModuleInfo* m = openModule(s);
    if (!v || !m || v->status == SaveStatus::Saving) return {std::move(s), {}};
    if (moduleCompleted(s, m->id)) {
        s.screen = ModuleList{};
        return {std::move(s), {}};
    }
    SaveModule e;
    e.candidateId = s.candidate.candidateId;
    e.moduleId = m->id;
    for (const auto& q : m->questions) {
        const auto a = answerOf(s, m->id, q);
        if (!a && !s.config.allowSkipModules) return {std::move(s), {}};  // answer every check first
        if (a) e.answers.emplace_back(q, std::to_string(*a));
    }
    v->status = SaveStatus::Saving;
    return {std::move(s), {std::move(e)}};
}

}  // namespace

bool offersLanguage(const Config& config, std::string_view lang) {
    if (lang != "en-GB" && lang != "cy") return false;
    return std::find(config.languages.begin(), config.languages.end(), lang) != config.languages.end();
}

State initialState(const Config& config) {
    State s;
    s.config = config;
    s.lang = config.firstLanguage;
    return s;
}

bool needsTicks(const State& state) { return !on<Attract>(state); }

FieldProblem validateField(Field field, const std::string& text) {
    if (!content::text::isValidUtf8(text)) return FieldProblem::InvalidText;
    content::text::Sanitised s;
    try {
        s = content::text::sanitiseLine(text);
    } catch (const std::invalid_argument&) {
        return FieldProblem::InvalidText;
    }
    const bool required = field == Field::Name || field == Field::Constituency;
    // Nothing visible (only fillers, marks or joiners) is as good as empty.
    if (s.value.empty() || !s.visible) return required ? FieldProblem::Empty : FieldProblem::None;
    if (content::text::codePointCount(s.value) > kMaxFieldCodePoints) return FieldProblem::TooLong;
    if (field == Field::Email) {
        const auto at = s.value.find('@');
        if (at == std::string::npos || at == 0 || s.value.find('.', at) == std::string::npos ||
            s.value.find(' ') != std::string::npos || s.value.back() == '.')
            return FieldProblem::BadEmail;
    }
    if (field == Field::Phone) {
        int digits = 0;
        for (char c : s.value) {
            if (c >= '0' && c <= '9') ++digits;
            else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-') return FieldProblem::BadPhone;
        }
        if (digits < 6) return FieldProblem::BadPhone;
    }
    return FieldProblem::None;
}

const std::string& fieldText(const State& state, Field field) {
    auto it = state.candidate.text.find(field);
    return it == state.candidate.text.end() ? kEmptyText : it->second;
}

bool moduleCompleted(const State& state, const std::string& moduleId) {
    const auto& c = state.candidate.completed;
    return std::find(c.begin(), c.end(), moduleId) != c.end();
}

bool moduleOpenable(const State& state, int index) {
    if (index < 0 || index >= static_cast<int>(state.config.modules.size())) return false;
    if (state.config.allowSkipModules) return true;
    // In order: every module before this one must be done.
    for (int i = 0; i < index; ++i)
        if (!moduleCompleted(state, state.config.modules[static_cast<std::size_t>(i)].id)) return false;
    return true;
}

bool allModulesCompleted(const State& state) {
    return std::all_of(state.config.modules.begin(), state.config.modules.end(),
                       [&](const ModuleInfo& m) { return moduleCompleted(state, m.id); });
}

std::optional<int> answerOf(const State& state, const std::string& moduleId, const std::string& question) {
    auto it = state.candidate.answers.find(moduleId + "/" + question);
    if (it == state.candidate.answers.end()) return std::nullopt;
    return it->second;
}

bool printInFlight(const State& state) {
    return state.candidate.print == PrintStatus::Printing || state.candidate.print == PrintStatus::Attention;
}

int countdownSeconds(const State& state) {
    if (!state.countdown) return 0;
    return static_cast<int>((state.countdown->count() + 999) / 1000);
}

Progress progress(const State& state) {
    constexpr int kTotal = 7;
    const int step = std::visit(Overloaded{
                                    [](const Attract&) { return 0; },
                                    [](const ChooseLanguage&) { return 1; },
                                    [](const PrivacyNotice&) { return 2; },
                                    [](const CheckIn&) { return 3; },
                                    [](const ModuleList&) { return 4; },
                                    [](const ModuleView&) { return 4; },
                                    [](const SafetyPlanScreen&) { return 5; },
                                    [](const Review&) { return 6; },
                                    [](const Done&) { return 7; },
                                },
                                state.screen);
    return {step, step == 0 ? 0 : kTotal};
}

std::string screenName(const Screen& screen) {
    return std::visit(Overloaded{
                          [](const Attract&) { return "attract"; },
                          [](const ChooseLanguage&) { return "language"; },
                          [](const PrivacyNotice&) { return "privacy"; },
                          [](const CheckIn&) { return "check-in"; },
                          [](const ModuleList&) { return "modules"; },
                          [](const ModuleView&) { return "module"; },
                          [](const SafetyPlanScreen&) { return "safety-plan"; },
                          [](const Review&) { return "review"; },
                          [](const Done&) { return "done"; },
                      },
                      screen);
}

Step reduce(State s, const Event& event) {
    // Any event but a tick is the candidate (or an effect result while they are here): the idle timer
    // restarts and a running countdown stops.
    if (!std::holds_alternative<Tick>(event)) {
        s.idle = Millis{0};
        s.countdown.reset();
    }
    return std::visit(
        Overloaded{
            [&](const Touch&) -> Step {
                if (on<Attract>(s)) {
                    // Nothing to choose in a one-language course: straight to the privacy notice.
                    if (s.config.languages.size() == 1) {
                        s.lang = s.config.languages.front();
                        s.screen = PrivacyNotice{};
                    } else {
                        s.screen = ChooseLanguage{};
                    }
                }
                return {std::move(s), {}};
            },
            [&](const PickLanguage& e) -> Step {
                if (!on<Attract>(s) && offersLanguage(s.config, e.lang)) s.lang = e.lang;
                return {std::move(s), {}};
            },
            [&](const StartIn& e) -> Step {
                if (on<ChooseLanguage>(s) && offersLanguage(s.config, e.lang)) {
                    s.lang = e.lang;
                    s.screen = PrivacyNotice{};
                }
                return {std::move(s), {}};
            },
            [&](const Back&) -> Step { return onBack(std::move(s)); },
            [&](const UserActivity&) -> Step { return {std::move(s), {}}; },
            [&](const Tick& t) -> Step {
                if (!needsTicks(s)) return {std::move(s), {}};
                if (s.countdown) {
                    *s.countdown -= t.elapsed;
                    if (s.countdown->count() <= 0) return backToStart(std::move(s));
                    return {std::move(s), {}};
                }
                s.idle += t.elapsed;
                if (s.idle >= s.config.idleTimeout) {
                    const Millis over = s.idle - s.config.idleTimeout;
                    s.countdown = s.config.idleCountdown - over;
                    if (s.countdown->count() <= 0) return backToStart(std::move(s));
                }
                return {std::move(s), {}};
            },
            [&](const AcceptPrivacy&) -> Step {
                if (on<PrivacyNotice>(s)) {
                    s.candidate.consented = true;
                    if (s.candidate.token.empty()) s.candidate.token = makeToken(s.tokenSeed, ++s.tokenCounter);
                    s.candidate.focus = Field::Name;  // the on-screen keyboard types the name straight away
                    s.screen = CheckIn{};
                }
                return {std::move(s), {}};
            },
            [&](const EditField& e) -> Step {
                if (fieldEditable(s, e.field)) {
                    s.candidate.text[e.field] = cleanTyping(e.value);
                    s.candidate.problems.erase(e.field);
                }
                return {std::move(s), {}};
            },
            [&](const FocusField& e) -> Step {
                if (fieldEditable(s, e.field)) s.candidate.focus = e.field;
                return {std::move(s), {}};
            },
            [&](const KeyText& e) -> Step {
                const auto f = s.candidate.focus;
                if (!f || !fieldEditable(s, *f)) return {std::move(s), {}};
                s.candidate.shift = false;  // the keyboard sends upper case itself while shift is on
                s.candidate.text[*f] = cleanTyping(fieldText(s, *f) + e.text);
                s.candidate.problems.erase(*f);
                return {std::move(s), {}};
            },
            [&](const KeyBackspace&) -> Step {
                const auto f = s.candidate.focus;
                if (!f || !fieldEditable(s, *f)) return {std::move(s), {}};
                std::string v = fieldText(s, *f);
                while (!v.empty() && (static_cast<unsigned char>(v.back()) & 0xC0) == 0x80) v.pop_back();
                if (!v.empty()) v.pop_back();
                s.candidate.text[*f] = v;
                return {std::move(s), {}};
            },
            [&](const ToggleShift&) -> Step {
                s.candidate.shift = !s.candidate.shift;
                return {std::move(s), {}};
            },
            [&](const ToggleAccents&) -> Step {
                s.candidate.accents = !s.candidate.accents;
                return {std::move(s), {}};
            },
            [&](const ConfirmCheckIn&) -> Step { return onConfirmCheckIn(std::move(s)); },
            [&](const CheckInSaved& e) -> Step {
                const auto* c = std::get_if<CheckIn>(&s.screen);
                if (c && c->status == SaveStatus::Saving) {
                    s.candidate.candidateId = e.candidateId;
                    s.candidate.lastError.clear();
                    s.screen = ModuleList{};
                }
                return {std::move(s), {}};
            },
            [&](const NotSaved& e) -> Step {
                s.candidate.lastError = e.reason;
                if (auto* c = std::get_if<CheckIn>(&s.screen)) c->status = SaveStatus::NotSaved;
                if (auto* m = std::get_if<ModuleView>(&s.screen)) m->status = SaveStatus::NotSaved;
                return {std::move(s), {}};
            },
            [&](const OpenModule& e) -> Step {
                if (on<ModuleList>(s) && moduleOpenable(s, e.index)) s.screen = ModuleView{e.index, SaveStatus::Editing};
                return {std::move(s), {}};
            },
            [&](const Answer& e) -> Step {
                const ModuleInfo* m = openModule(s);
                if (!m || std::find(m->questions.begin(), m->questions.end(), e.question) == m->questions.end() ||
                    e.option < 0)
                    return {std::move(s), {}};
                // The first answer stands: the feedback explains it, and changing it would hide that.
                s.candidate.answers.try_emplace(m->id + "/" + e.question, e.option);
                return {std::move(s), {}};
            },
            [&](const CompleteModule&) -> Step { return onCompleteModule(std::move(s)); },
            [&](const ModuleSaved& e) -> Step {
                const auto* v = std::get_if<ModuleView>(&s.screen);
                if (!moduleCompleted(s, e.moduleId)) s.candidate.completed.push_back(e.moduleId);
                s.candidate.lastError.clear();
                if (v && v->status == SaveStatus::Saving) s.screen = ModuleList{};
                return {std::move(s), {}};
            },
            [&](const ToSafetyPlan&) -> Step {
                if (on<ModuleList>(s) && (s.config.allowSkipModules || allModulesCompleted(s))) {
                    s.screen = SafetyPlanScreen{};
                    s.candidate.focus.reset();  // the plan's keyboard appears once a box is touched
                }
                return {std::move(s), {}};
            },
            [&](const SetKeepPlan& e) -> Step {
                if (on<SafetyPlanScreen>(s)) s.candidate.keepPlan = e.keep;
                return {std::move(s), {}};
            },
            [&](const SetPlanInPack& e) -> Step {
                if (on<SafetyPlanScreen>(s)) s.candidate.planInPack = e.include;
                return {std::move(s), {}};
            },
            [&](const ToReview&) -> Step {
                if (!on<SafetyPlanScreen>(s)) return {std::move(s), {}};
                s.screen = Review{};
                std::vector<Effect> effects;
                auto answers = planAnswers(s);
                if (!answers.empty() && !s.candidate.candidateId.empty())
                    effects.emplace_back(SavePlan{s.candidate.candidateId, std::move(answers), s.candidate.keepPlan});
                return {std::move(s), std::move(effects)};
            },
            [&](const SetLargePrint& e) -> Step {
                if (on<Review>(s) && !printInFlight(s)) s.candidate.largePrint = e.large;
                return {std::move(s), {}};
            },
            [&](const RequestPrint&) -> Step {
                if (!on<Review>(s) || printInFlight(s) || s.candidate.candidateId.empty())
                    return {std::move(s), {}};
                s.candidate.print = PrintStatus::Printing;
                s.candidate.printProblem.clear();
                PrintPack p{s.candidate.candidateId, s.lang, s.candidate.largePrint,
                            s.candidate.planInPack && !planAnswers(s).empty()};
                return {std::move(s), {std::move(p)}};
            },
            [&](const PrintQueued&) -> Step {
                // In the queue is not printed yet: the screen keeps saying "printing" until the worker knows.
                return {std::move(s), {}};
            },
            [&](const PrintFailed& e) -> Step {
                if (printInFlight(s)) {
                    s.candidate.print = PrintStatus::Failed;
                    s.candidate.printProblem = e.reason;
                }
                return {std::move(s), {}};
            },
            [&](const PrintProgress& e) -> Step {
                // Only a pack on its way changes: a late message cannot undo "printed" or revive a reset.
                if (!printInFlight(s) || e.status == PrintStatus::NotRequested) return {std::move(s), {}};
                s.candidate.print = e.status;
                s.candidate.printProblem =
                    e.status == PrintStatus::Attention || e.status == PrintStatus::Failed ? e.reason : std::string();
                return {std::move(s), {}};
            },
            [&](const Finish&) -> Step {
                // Never trapped waiting for a printer: the pack is in the queue and prints without them.
                if (on<Review>(s)) s.screen = Done{};
                return {std::move(s), {}};
            },
            [&](const StartAgain&) -> Step {
                if (on<Done>(s)) return backToStart(std::move(s));
                return {std::move(s), {}};
            },
            [&](const SetTextSize& e) -> Step {
                if (!on<Attract>(s)) s.candidate.textSize = std::clamp(e.size, 0, 2);
                return {std::move(s), {}};
            },
            [&](const SetHighContrast& e) -> Step {
                if (!on<Attract>(s)) s.candidate.highContrast = e.on;
                return {std::move(s), {}};
            },
        },
        event);
}

}  // namespace kiosk::flow
