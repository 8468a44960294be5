// Officer mode's effects carried out against the attendance store and the authenticator: PIN checks,
// sessions, the live roster and its edits, presenter-mode attendance. Layer: kiosk/app.
#include "kiosk/app/officer_effects.hpp"

#include "kiosk/app/effects.hpp"
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/officer/auto_lock.hpp"
#include "kiosk/officer/pin.hpp"
#include "kiosk/records/clock.hpp"
#include "print/font_coverage.hpp"

#include <algorithm>
#include <set>

namespace kiosk::app {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

flow::OfficerRole toFlow(records::OfficerRole r) {
    return r == records::OfficerRole::PrintOperator ? flow::OfficerRole::PrintOperator : flow::OfficerRole::Officer;
}

flow::Millis until(records::TimePoint end, records::TimePoint now) {
    if (end <= now) return flow::Millis{0};
    return std::chrono::ceil<flow::Millis>(end - now);
}

// "27/11/2026 06:10 GMT" -> "06:10".
std::string clockTime(const std::string& iso) {
    const std::string shown = records::londonDisplayFromIso(iso);
    return shown.size() >= 16 && shown[10] == ' ' ? shown.substr(11, 5) : shown;
}

std::vector<flow::OfficerEvent> notSaved(const std::string& why) { return {flow::OfficerNotSaved{why}}; }

constexpr const char* kNoStore = "there is no attendance store";

}  // namespace

flow::OfficerConfig makeOfficerConfig(const std::vector<content::Module>& modules) {
    flow::OfficerConfig c;
    c.autoLockAfter = std::chrono::duration_cast<flow::Millis>(officer::kAutoLockAfter);
    c.modules = moduleInfos(modules);
    return c;
}

CheckSummary summariseChecks(const std::vector<content::Module>& modules,
                             const std::vector<records::ModuleProgress>& progress) {
    CheckSummary out;
    for (const auto& p : progress) {
        const auto m = std::find_if(modules.begin(), modules.end(), [&](const content::Module& x) { return x.id == p.moduleId; });
        if (m == modules.end()) continue;
        for (const auto& a : p.answers) {
            for (const auto& b : m->blocks) {
                int correct = -1;
                if (const auto* k = std::get_if<content::KnowledgeCheck>(&b); k && k->id == a.question) correct = k->correct;
                if (const auto* s = std::get_if<content::Scenario>(&b); s && s->id == a.question) correct = content::verdictIndex(s->verdict);
                if (correct < 0) continue;
                ++out.answered;
                if (a.answer == std::to_string(correct)) ++out.right;
            }
        }
    }
    return out;
}

OfficerEffectRunner::OfficerEffectRunner(records::Store* store, std::optional<config::PurposeKey> pinPepper,
                                         std::vector<content::Module> modules, std::function<void()> wipe,
                                         AdminServices admin)
    : m_store(store),
      m_pinPepper(std::move(pinPepper)),
      m_modules(std::move(modules)),
      m_wipe(std::move(wipe)),
      m_admin(std::move(admin)) {
    if (!m_admin.store) m_admin.store = store;
}

records::TimePoint OfficerEffectRunner::now() const {
    return m_admin.now ? m_admin.now() : std::chrono::system_clock::now();
}

std::vector<flow::OfficerEvent> OfficerEffectRunner::loadRoster(const flow::LoadRoster& e) {
    if (!m_store) return notSaved(kNoStore);
    try {
        // Today's officer-opened session if one is open, else today's walk-in session, else the newest of today.
        const std::string today = records::londonDate(now());
        std::optional<records::Session> chosen;
        int rank = 0;
        for (const auto& s : m_store->listSessions()) {
            if (s.date != today) continue;
            const int r = s.status == "open" ? (s.walkIn ? 2 : 3) : 1;
            if (!chosen || r > rank || (r == rank && s.createdAt > chosen->createdAt)) {
                chosen = s;
                rank = r;
            }
        }
        flow::RosterLoaded out;
        if (!chosen) {
            out.sessionLabel = "No session today (" + today + ")";
            return {out};
        }
        out.sessionId = chosen->id;
        out.sessionLabel = chosen->date + ", " + (chosen->walkIn ? std::string("walk-in session") : chosen->venue) +
                           (chosen->status == "open" ? " (open)" : " (closed)");
        const auto progress = m_store->sessionProgress(chosen->id);
        const auto manual = m_store->manualCheckIns(chosen->id);
        const std::set<std::string> manualSet(manual.begin(), manual.end());
        for (const auto& r : m_store->roster(chosen->id)) {
            flow::RosterRow row;
            row.candidateId = r.candidateId;
            row.name = r.name;
            row.constituency = r.constituency;
            row.checkedInAt = clockTime(r.checkedInAt);
            row.modulesTotal = static_cast<int>(m_modules.size());
            row.modulesDone = static_cast<int>(std::count_if(r.modulesCompleted.begin(), r.modulesCompleted.end(), [&](const std::string& id) {
                return std::any_of(m_modules.begin(), m_modules.end(), [&](const content::Module& m) { return m.id == id; });
            }));
            if (auto it = progress.find(r.candidateId); it != progress.end()) {
                const auto sum = summariseChecks(m_modules, it->second);
                row.checksRight = sum.right;
                row.checksAnswered = sum.answered;
            }
            row.manual = manualSet.count(r.candidateId) > 0;
            row.namePrintable = print::unsupportedCharacters(r.name).empty();
            row.packStatus = r.packStatus;
            out.rows.push_back(std::move(row));
        }
        if (e.audit) m_store->audit("view-roster", e.actor, "session " + chosen->id);
        return {out};
    } catch (const std::exception& ex) {
        return notSaved(ex.what());
    }
}

std::vector<flow::OfficerEvent> OfficerEffectRunner::run(const flow::OfficerEffect& effect) {
    return std::visit(
        Overloaded{
            [&](const flow::LoadOfficers&) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return {flow::OfficersLoaded{{}, "There is no attendance store: officer mode needs one."}};
                try {
                    flow::OfficersLoaded out;
                    for (const auto& o : officer::Authenticator(*m_store).officers())
                        out.officers.push_back({o.name, toFlow(o.role)});
                    return {out};
                } catch (const std::exception& ex) {
                    return {flow::OfficersLoaded{{}, ex.what()}};
                }
            },
            [&](const flow::CheckLockout& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return {};
                try {
                    const auto t = now();
                    const auto end = officer::Authenticator(*m_store).lockedUntil(e.name, t);
                    return {flow::LockoutChecked{e.name, end ? until(*end, t) : flow::Millis{0}}};
                } catch (const std::exception& ex) {
                    return {flow::PinProblem{ex.what()}};
                }
            },
            [&](const flow::VerifyPin& e) -> std::vector<flow::OfficerEvent> {
                std::string pin = e.pin;
                if (!m_store) {
                    officer::wipe(pin);
                    return {flow::PinProblem{kNoStore}};
                }
                try {
                    officer::Authenticator auth(*m_store, m_pinPepper);
                    const auto t = now();
                    // Checked first so a locked-out officer's tries are neither verified nor audited again.
                    if (const auto end = auth.lockedUntil(e.name, t)) {
                        officer::wipe(pin);
                        return {flow::PinLockedOut{until(*end, t)}};
                    }
                    const auto verdict = auth.verify(e.name, pin, t);
                    officer::wipe(pin);
                    return {std::visit(
                        Overloaded{
                            [](const officer::Unlocked& u) -> flow::OfficerEvent { return flow::PinAccepted{u.name, toFlow(u.role)}; },
                            [](const officer::WrongPin& w) -> flow::OfficerEvent { return flow::PinWrong{w.attemptsLeft}; },
                            [&](const officer::LockedOut& l) -> flow::OfficerEvent { return flow::PinLockedOut{until(l.until, t)}; },
                            [](const officer::NoSuchOfficer&) -> flow::OfficerEvent { return flow::PinProblem{"That officer account no longer exists."}; },
                            [](const officer::NoOfficersConfigured&) -> flow::OfficerEvent {
                                return flow::PinProblem{"No officers are set up: run `briefing set-pin` from a shell."};
                            },
                            // One message for every PIN, right or wrong: nothing was checked, or the result was not saved.
                            [](const officer::Unavailable& u) -> flow::OfficerEvent { return flow::PinProblem{u.message}; },
                            [](const officer::PinMustBeReset& r) -> flow::OfficerEvent { return flow::PinProblem{r.message}; },
                        },
                        verdict)};
                } catch (const std::exception& ex) {
                    officer::wipe(pin);
                    return {flow::PinProblem{ex.what()}};
                }
            },
            [&](const flow::WipeOfficerInput&) -> std::vector<flow::OfficerEvent> {
                if (m_wipe) m_wipe();
                return {};
            },
            [&](const flow::LoadSessions&) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    flow::SessionsLoaded out;
                    out.today = records::londonDate(now());
                    auto sessions = m_store->listSessions();
                    std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) { return a.createdAt > b.createdAt; });
                    for (const auto& s : sessions) {
                        if (s.date != out.today && s.status != "open") continue;
                        out.sessions.push_back({s.id, s.date, s.walkIn ? "Walk-in (automatic)" : s.venue, s.officer,
                                                s.status == "open", s.attendees});
                    }
                    return {out};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveSessionOpen& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    m_store->openSession({e.date, e.venue, e.officer}, e.actor);
                    return {flow::OfficerSaved{"Session opened at " + e.venue + "."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveSessionClose& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    m_store->closeSession(e.sessionId, e.actor);
                    return {flow::OfficerSaved{"Session closed."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::LoadRoster& e) { return loadRoster(e); },
            [&](const flow::SaveManualCheckIn& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    records::CheckInInput in;
                    in.sessionId = e.sessionId;
                    in.name = e.name;
                    in.constituency = e.constituency;
                    in.officer = e.actor;
                    m_store->checkIn(in);
                    return {flow::OfficerSaved{"Added " + e.name + " by hand."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveNameCorrection& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    m_store->correctCandidateName(e.candidateId, e.name, e.actor);
                    return {flow::OfficerSaved{"Name corrected to " + e.name + "."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveDuplicateRemoval& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    m_store->removeDuplicateCheckIn(e.candidateId, e.sessionId, e.actor);
                    return {flow::OfficerSaved{"Duplicate removed."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveAttendance& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    const int added = m_store->recordAttendance(e.sessionId, e.candidateIds, e.moduleIds, e.actor);
                    return {flow::AttendanceSaved{"Attendance recorded for " + std::to_string(e.candidateIds.size()) +
                                                  " present (" + std::to_string(added) + " module completions added)."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::LoadLockedOfficers&) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return {};
                try {
                    officer::Authenticator auth(*m_store);
                    flow::LockedOfficersLoaded out;
                    for (const auto& o : auth.officers())
                        if (auth.lockedUntil(o.name, now())) out.names.push_back(o.name);
                    return {out};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveOfficerUnlock& e) -> std::vector<flow::OfficerEvent> {
                if (!m_store) return notSaved(kNoStore);
                try {
                    const auto role = e.actorRole == flow::OfficerRole::PrintOperator ? records::OfficerRole::PrintOperator
                                                                                      : records::OfficerRole::Officer;
                    officer::Authenticator(*m_store).unlockOther(officer::Unlocked{e.actor, role}, e.name);
                    return {flow::OfficerSaved{e.name + " can sign in again."}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::AdminEffect& e) { return runAdminEffect(e, m_admin); },
        },
        effect);
}

}  // namespace kiosk::app
