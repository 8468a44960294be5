// The print client: each job's state machine against the store and a printer. Layer: kiosk/packs.
// Ordering rules that make a pack print at most once (a kill may land between any two lines):
//  - the store says "submitting" (and CUPS may hold a job) before Create-Job, and gets the CUPS job id the
//    moment CUPS returns it; a job is only ever submitted again once CUPS provably does not have it;
//  - an outcome is committed to the store before the job is purged from CUPS, and in_cups is cleared only
//    after CUPS confirmed the purge, so nothing of a candidate is left behind by a crash either.
#include "kiosk/packs/print_runner.hpp"

#include "content/text.hpp"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <sstream>

namespace kiosk::packs {
namespace {

using print::JobPhase;
using print::PrinterCondition;
using records::PrintState;

std::string processStart(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Field 22 (starttime) counts from the last ')' (the command name may hold spaces).
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return {};
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) return field;
    return {};
}

std::string hostName() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    return host;
}

int cupsId(const std::string& reference) {
    if (reference.empty() || reference.find_first_not_of("0123456789") != std::string::npos || reference.size() > 9)
        return 0;
    return std::stoi(reference);
}

std::string attemptOf(int n, const RetryPolicy& p) {
    return "attempt " + std::to_string(n) + " of " + std::to_string(p.maxAttempts);
}

std::chrono::seconds backoffAfter(int autoAttempts, const RetryPolicy& p) {
    if (p.backoff.empty()) return std::chrono::seconds(30);
    const auto i = static_cast<std::size_t>(std::max(1, autoAttempts) - 1);
    return p.backoff[std::min(i, p.backoff.size() - 1)];
}

bool holdsUp(PrinterCondition c) {
    // Rejecting refuses new jobs only; those CUPS already has still print.
    return c != PrinterCondition::Ready && c != PrinterCondition::Rejecting;
}

}  // namespace

const char* newsKey(NewsKind k) {
    switch (k) {
        case NewsKind::Accepted: return "accepted";
        case NewsKind::Printed: return "printed";
        case NewsKind::Saved: return "saved";
        case NewsKind::PrinterProblem: return "printer-problem";
        case NewsKind::NeedsOfficer: return "needs-officer";
        case NewsKind::Cancelled: return "cancelled";
    }
    return "printer-problem";
}

std::string londonTime(records::TimePoint t) {
    const std::string shown = records::toLondonDisplay(t);  // "27/11/2026 06:10 GMT"
    const auto space = shown.find(' ');
    return space == std::string::npos ? shown : shown.substr(space + 1, 5);
}

std::string PrintRunner::defaultOwner() {
    const long pid = static_cast<long>(getpid());
    return hostName() + ":" + std::to_string(pid) + ":" + processStart(pid);
}

bool PrintRunner::ownerAlive(const std::string& owner) {
    const auto last = owner.rfind(':');
    const auto mid = last == std::string::npos || last == 0 ? std::string::npos : owner.rfind(':', last - 1);
    if (mid == std::string::npos) return false;  // not one of ours: treat as gone (the claim is also dated)
    if (owner.substr(0, mid) != hostName()) return true;
    const std::string pid = owner.substr(mid + 1, last - mid - 1);
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) return false;
    const long p = std::stol(pid);
    if (::kill(static_cast<pid_t>(p), 0) != 0 && errno == ESRCH) return false;
    return processStart(p) == owner.substr(last + 1);
}

PrintRunner::PrintRunner(records::Store& store, const print::PackRenderer& renderer, const content::Course& course,
                         const content::ForceProfile& force, PrinterFactory factory, RetryPolicy policy,
                         std::string owner)
    : m_store(store),
      m_renderer(renderer),
      m_course(course),
      m_force(force),
      m_factory(std::move(factory)),
      m_policy(std::move(policy)),
      m_owner(std::move(owner)) {}

records::TimePoint PrintRunner::now() const { return std::chrono::system_clock::now(); }

print::Printer& PrintRunner::printerFor(const std::string& destination, print::Printer& current) {
    if (destination == current.destination() || !m_factory) return current;
    auto& p = m_printers[destination];
    if (!p) p = m_factory(destination);
    return p ? *p : current;
}

const print::PrinterStatus& PrintRunner::statusOf(print::Printer& printer) {
    const auto found = m_status.find(&printer);
    if (found != m_status.end()) return found->second;
    print::PrinterStatus st = printer.status();
    // connecting-to-device for longer than the grace: the device does not answer. Timed per destination,
    // across steps.
    auto& since = m_tracked["printer:" + printer.destination()].connectingSince;
    if (st.connecting && st.condition == PrinterCondition::Ready) {
        if (!since) since = now();
        if (now() - *since >= m_policy.connectingGrace) {
            st.condition = PrinterCondition::Unreachable;
            if (st.message.empty()) st.message = "the printer does not answer";
        }
    } else {
        since.reset();
    }
    return m_status.emplace(&printer, std::move(st)).first->second;
}

void PrintRunner::tell(const records::PrintJob& job, NewsKind kind, PrinterCondition condition,
                       const std::string& message) {
    auto& t = m_tracked[job.id];
    const std::string key = std::string(newsKey(kind)) + "/" + print::conditionKey(condition);
    if (t.lastNews == key) return;
    t.lastNews = key;
    PrintNews news{job.id, job.candidateId, kind, condition, message};
    if (news.final()) m_tracked.erase(job.id);
    if (m_onNews && *m_onNews) (*m_onNews)(news);
}

void PrintRunner::step(print::Printer& current, const std::function<void(const PrintNews&)>& onNews) {
    m_onNews = &onNews;
    m_status.clear();
    withdrawDeleted(current);
    for (const auto& job : m_store.printJobsInCups()) {
        try {
            follow(job, current);
        } catch (const records::InputError&) {
            // Another process (or an officer) moved the job first, its news is its own; or it was erased
            // meanwhile (NotFoundError) and the withdrawal table takes it from here.
        }
    }
    submitDue(current);
    m_next.reset();
    if (!m_store.printJobsInCups().empty() || !m_store.printWithdrawals().empty()) {
        m_next = m_policy.pollInterval;
    } else if (const auto due = m_store.nextPrintDue()) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*due - now());
        m_next = std::clamp(wait, std::chrono::milliseconds(0), m_policy.statusInterval);
    }
    m_onNews = nullptr;
}

void PrintRunner::withdrawDeleted(print::Printer& current) {
    for (const auto& w : m_store.printWithdrawals()) {
        print::Printer& printer = printerFor(w.destination, current);
        bool gone = true;
        if (const int id = cupsId(w.reference)) gone = printer.purge(id);
        if (const auto found = printer.findJobs(w.jobId)) {
            for (const auto& o : *found) gone = printer.purge(o.cupsJobId) && gone;
        } else {
            gone = false;
        }
        if (gone) m_store.forgetPrintWithdrawal(w.jobId);
    }
}

void PrintRunner::follow(const records::PrintJob& job, print::Printer& current) {
    print::Printer& printer = printerFor(job.destination, current);
    switch (job.state) {
        case PrintState::Submitting: {
            if (job.owner != m_owner && ownerAlive(job.owner)) {
                records::TimePoint claimed{};
                if (records::parseUtcIso(job.updatedAt, claimed) && now() - claimed < m_policy.staleClaim) return;
            }
            reconcileSubmitting(job, printer);
            return;
        }
        case PrintState::Sent: followSent(job, printer); return;
        default: finishWithdrawal(job, printer); return;
    }
}

// A job left "submitting" (its process was killed, or died): find out what CUPS has, by the id recorded or
// by the job's name, and carry on from there.
void PrintRunner::reconcileSubmitting(const records::PrintJob& job, print::Printer& printer) {
    std::vector<print::JobObservation> found;
    if (const int id = cupsId(job.reference)) {
        const auto o = printer.observe(id);
        if (o.phase == JobPhase::Unknown) return;  // the scheduler cannot be asked: later
        if (o.phase != JobPhase::Missing) found.push_back(o);
    }
    if (found.empty()) {
        const auto all = printer.findJobs(job.id);
        if (!all) return;
        found = *all;
    }
    if (printer.destination() == "spool") {  // the file is the whole job: there, or not
        if (!found.empty()) {
            m_store.markPrintDone(job.id);
            tell(job, NewsKind::Saved, PrinterCondition::Ready, "saved to the spool folder (found after an interruption)");
        } else {
            m_store.requeuePrint(job.id, "interrupted before the pack was saved; saved again now");
        }
        return;
    }
    // Adopt the job CUPS has with its document (a completed one first); withdraw every other.
    const print::JobObservation* best = nullptr;
    const auto rank = [](const print::JobObservation& o) {
        if (!o.hasDocument) return 0;
        switch (o.phase) {
            case JobPhase::Completed: return 5;
            case JobPhase::Printing:
            case JobPhase::Waiting: return 4;
            case JobPhase::Aborted: return 3;
            case JobPhase::Cancelled: return 2;
            default: return 0;
        }
    };
    for (const auto& o : found)
        if (rank(o) > 0 && (!best || rank(o) > rank(*best))) best = &o;
    bool othersGone = true;
    for (const auto& o : found)
        if (&o != best) othersGone = printer.purge(o.cupsJobId) && othersGone;
    if (best) {
        m_store.markPrintSent(job.id, std::to_string(best->cupsJobId));
        auto adopted = m_store.printJob(job.id);
        followSent(adopted, printer);
        return;
    }
    if (!othersGone) return;  // a half-made job could not be withdrawn yet: never send a second copy beside it
    m_store.requeuePrint(job.id, found.empty() ? "interrupted before the print server had the pack; sent again"
                                               : "interrupted while sending; the incomplete job was withdrawn "
                                                 "from the print server and the pack is sent again");
}

void PrintRunner::followSent(const records::PrintJob& job, print::Printer& printer) {
    const int id = cupsId(job.reference);
    const auto o = id ? printer.observe(id) : print::JobObservation{};
    const auto missing = [&] {
        m_store.markPrintFailed(job.id,
                                "the print server no longer has this job (removed there, or lost when CUPS "
                                "restarted), so the kiosk cannot tell whether it printed. Check the printer's "
                                "tray; if the pack is not there, print it again from the print queue.");
        tell(job, NewsKind::NeedsOfficer, PrinterCondition::Ready, "lost at the print server: check the printer");
    };
    if (!id) return missing();
    switch (o.phase) {
        case JobPhase::Unknown: {
            const std::string msg = "cannot reach the print server (CUPS): the pack stays in its queue, which "
                                    "survives a restart, and the kiosk checks again every few seconds";
            if (m_tracked[job.id].lastNews.rfind("printer-problem", 0) != 0) m_store.notePrint(job.id, msg);
            tell(job, NewsKind::PrinterProblem, PrinterCondition::SchedulerDown, msg);
            return;
        }
        case JobPhase::Missing: return missing();
        case JobPhase::Completed:
            m_store.markPrintDone(job.id);
            tell(job, NewsKind::Printed, PrinterCondition::Ready, "printed (job " + std::to_string(id) + ")");
            purgeAndRecord(job, printer, id);
            return;
        case JobPhase::Cancelled: {
            const std::string msg = "cancelled at the print server (not by the kiosk), so it did not print. It is "
                                    "not sent again by itself: print it again from the print queue if it is "
                                    "still wanted.";
            m_store.markPrintFailed(job.id, msg, true);
            tell(job, NewsKind::NeedsOfficer, PrinterCondition::Ready, msg);
            purgeAndRecord(job, printer, id);
            return;
        }
        case JobPhase::Aborted:
            attemptFailed(job, printer, PrinterCondition::NeedsAttention,
                          "the print server gave up on the job" + (o.reasons.empty() ? "" : " (" + o.reasons + ")"),
                          true);
            purgeAndRecord(job, printer, id);
            return;
        case JobPhase::Waiting:
        case JobPhase::Printing: break;
    }
    const auto& st = statusOf(printer);
    auto& t = m_tracked[job.id];
    if (!holdsUp(st.condition)) {
        if (t.problemSince) {
            t.problemSince.reset();
            m_store.notePrint(job.id, "");
            tell(job, NewsKind::Accepted, PrinterCondition::Ready, "the printer is ready again: printing");
        }
        // Printing for long with no reason given: say so (it is not withdrawn: part of it may be out).
        if (o.phase == JobPhase::Printing) {
            if (!t.printingSince) t.printingSince = now();
            if (now() - *t.printingSince >= m_policy.slowPrint) {
                const std::string msg = "the printer has not finished the pack after " +
                                        std::to_string(m_policy.slowPrint.count()) + " s" +
                                        (st.message.empty() ? std::string() : " (" + st.message + ")") +
                                        ": check the printer; the kiosk keeps following the job";
                if (t.lastNews.rfind("printer-problem", 0) != 0) m_store.notePrint(job.id, msg);
                tell(job, NewsKind::PrinterProblem, PrinterCondition::NeedsAttention, msg);
            }
        }
        return;
    }
    if (!t.problemSince) t.problemSince = now();
    // Only a job nothing of which reached the printer is withdrawn: cancelling one mid-delivery could
    // leave half a pack in the tray and a whole one later.
    const bool nothingDelivered = o.phase == JobPhase::Waiting || st.condition == PrinterCondition::Unreachable;
    const auto deadline = *t.problemSince + m_policy.giveUpAfter;
    if (now() >= deadline && nothingDelivered) {
        const std::string msg = "the printer was " + st.describe() + " for " +
                                std::to_string(m_policy.giveUpAfter.count() / 60) +
                                " minutes: the pack was withdrawn from the print server so that it does not print "
                                "unattended later. Print it again from the print queue when the printer works.";
        m_store.markPrintFailed(job.id, msg, true);
        tell(job, NewsKind::NeedsOfficer, st.condition, msg);
        purgeAndRecord(job, printer, id);
        return;
    }
    const std::string msg = "the printer is " + st.describe() +
                            ". The pack waits in the print server's queue and prints by itself once the printer "
                            "is ready; if it has not printed by " + londonTime(deadline) +
                            " it is withdrawn and an officer can print it again.";
    if (t.lastNews != std::string("printer-problem/") + print::conditionKey(st.condition)) m_store.notePrint(job.id, msg);
    tell(job, NewsKind::PrinterProblem, st.condition, msg);
}

// A job whose outcome is recorded but which CUPS may still hold: make sure it is gone there.
void PrintRunner::finishWithdrawal(const records::PrintJob& job, print::Printer& printer) {
    std::vector<print::JobObservation> found;
    if (const int id = cupsId(job.reference)) {
        const auto o = printer.observe(id);
        if (o.phase == JobPhase::Unknown) return;
        if (o.phase != JobPhase::Missing) found.push_back(o);
    } else {
        const auto all = printer.findJobs(job.id);
        if (!all) return;
        found = *all;
    }
    const bool printedAfterAll = std::any_of(found.begin(), found.end(), [](const auto& o) {
        return o.phase == JobPhase::Completed && o.hasDocument;
    });
    if (printedAfterAll && (job.state == PrintState::Waiting || job.state == PrintState::Failed)) {
        // CUPS came back (or the printer did) and printed it before the withdrawal got through.
        m_store.markPrintDone(job.id);
        tell(job, NewsKind::Printed, PrinterCondition::Ready, "printed after all (the print server was back in time)");
    }
    bool gone = true;
    for (const auto& o : found) gone = printer.purge(o.cupsJobId) && gone;
    if (!gone) return;
    m_store.markPrintPurged(job.id);
    if (job.state == PrintState::Cancelled && !printedAfterAll)
        tell(job, NewsKind::Cancelled, PrinterCondition::Ready, "cancelled and withdrawn from the print server");
}

void PrintRunner::purgeAndRecord(const records::PrintJob& job, print::Printer& printer, int cupsJobId) {
    if (printer.purge(cupsJobId)) m_store.markPrintPurged(job.id);
}

void PrintRunner::attemptFailed(const records::PrintJob& job, print::Printer&, PrinterCondition condition,
                                const std::string& what, bool inCups) {
    if (job.autoAttempts >= m_policy.maxAttempts) {
        const std::string msg = what + ". Gave up after " + std::to_string(job.autoAttempts) +
                                " automatic attempts: an officer can print it again from the print queue.";
        m_store.markPrintFailed(job.id, msg, inCups);
        tell(job, NewsKind::NeedsOfficer, condition, msg);
        return;
    }
    const auto at = now() + backoffAfter(job.autoAttempts, m_policy);
    const std::string msg = what + ". Tried again at " + londonTime(at) + " (" +
                            attemptOf(job.autoAttempts + 1, m_policy) + "), or as soon as the printer is ready.";
    m_store.deferPrint(job.id, msg, at, inCups);
    tell(job, NewsKind::PrinterProblem, condition, msg);
}

void PrintRunner::submitDue(print::Printer& current) {
    const auto due = m_store.nextPrintDue();
    if (!due) return;  // nothing queued or waiting: not even a status request
    const auto& st = statusOf(current);
    const bool ready = st.ready();
    // The printer is back: the waiting jobs need not sit out their backoff.
    const bool back = ready && !m_wasReady && m_store.hastenWaitingPrints() > 0;
    m_wasReady = ready;
    if (*due > now() && !back) return;
    int inFlight = 0;
    for (const auto& j : m_store.printJobsInCups())
        if ((j.state == PrintState::Submitting || j.state == PrintState::Sent) && j.destination == current.destination())
            ++inFlight;
    for (int i = 0; i < m_policy.maxPerStep; ++i) {
        if (ready && inFlight >= m_policy.maxInFlight) break;
        const auto job = m_store.claimNextPrint(current.destination(), m_owner);
        if (!job) break;
        try {
            if (submitOne(*job, current, st)) ++inFlight;
        } catch (const records::InputError&) {
            // Cancelled or erased while it was being handled: the sweep of the next step withdraws it.
        }
    }
}

bool PrintRunner::submitOne(const records::PrintJob& job, print::Printer& current, const print::PrinterStatus& st) {
    if (!st.ready()) {
        attemptFailed(job, current, st.condition, "the printer is " + st.describe(), false);
        return false;
    }
    std::vector<unsigned char> pdf;
    try {
        const auto request = buildPackRequest(m_store.subjectAccess(job.candidateId), m_course, m_force,
                                              PackOptions::decode(job.options));
        pdf = m_renderer.render(request);
    } catch (const print::PackError& e) {
        const std::string msg = std::string("the pack cannot be rendered: ") + e.what();
        m_store.markPrintFailed(job.id, msg);
        tell(job, NewsKind::NeedsOfficer, PrinterCondition::Ready, msg);
        return false;
    } catch (const std::invalid_argument& e) {
        m_store.markPrintFailed(job.id, e.what());
        tell(job, NewsKind::NeedsOfficer, PrinterCondition::Ready, e.what());
        return false;
    }
    bool withdrawnMeanwhile = false;
    const auto sub = current.submit({job.id, pdf}, [&](int id) {
        try {
            m_store.recordPrintReference(job.id, std::to_string(id));
        } catch (const records::InputError&) {
            withdrawnMeanwhile = true;  // an officer cancelled it while it was being handed over
        }
    });
    if (!withdrawnMeanwhile && sub.result == print::SubmitResult::Accepted) {
        try {
            m_store.markPrintSent(job.id, std::to_string(sub.cupsJobId));
        } catch (const records::InputError&) {
            withdrawnMeanwhile = true;
        }
    }
    if (withdrawnMeanwhile) {
        if (!sub.cupsJobId || current.purge(sub.cupsJobId)) m_store.markPrintPurged(job.id);
        return false;
    }
    switch (sub.result) {
        case print::SubmitResult::Completed:
            m_store.markPrintDone(job.id);
            tell(job, NewsKind::Saved, PrinterCondition::Ready, "saved to the spool folder (" + sub.message + ")");
            break;
        case print::SubmitResult::Accepted:
            tell(job, NewsKind::Accepted, PrinterCondition::Ready,
                 "accepted by the print server as job " + std::to_string(sub.cupsJobId) + ": printing");
            break;
        case print::SubmitResult::NotSent: attemptFailed(job, current, sub.condition, sub.message, false); break;
        case print::SubmitResult::Unknown: attemptFailed(job, current, sub.condition, sub.message, true); break;
    }
    return sub.result == print::SubmitResult::Accepted;
}

}  // namespace kiosk::packs
