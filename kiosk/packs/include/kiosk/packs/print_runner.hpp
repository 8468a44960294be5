// The print client the kiosk's print worker and `briefing print` share: drives each job of the store's print
// queue through its durable state machine (records::PrintState) against a print::Printer, at most once per
// pack whatever gets killed when, and reports every change as news the moment it happens.
// Layer: kiosk/packs (records + print + content; no UI). Not thread-safe: one runner per Store and thread.
#pragma once

#include "kiosk/packs/packs.hpp"
#include "print/printer.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::packs {

struct RetryPolicy {
    // Waits before the 2nd, 3rd, ... automatic attempt (the last one repeats); an attempt is a hand-over that
    // failed, a job the scheduler aborted, or a due job that found the printer not ready.
    std::vector<std::chrono::seconds> backoff{std::chrono::seconds(15), std::chrono::seconds(30),
                                              std::chrono::seconds(60), std::chrono::seconds(120),
                                              std::chrono::seconds(240), std::chrono::seconds(480)};
    int maxAttempts = 7;  // automatic attempts (about 16 minutes in all), then the job needs an officer
    // connecting-to-device for this long: the printer is not reachable (the socket backend keeps trying).
    std::chrono::seconds connectingGrace{4};
    // A job CUPS holds for a printer that cannot print (stopped, unreachable, out of paper) this long is
    // withdrawn (cancelled and purged) and counts as a failed attempt: nobody is left waiting for it by then.
    std::chrono::seconds giveUpAfter{std::chrono::minutes(15)};
    // A job the printer is still taking after this long, with no reason given, is reported (not withdrawn).
    std::chrono::seconds slowPrint{60};
    // A "submitting" job claimed by another process that is still alive is left alone for this long.
    std::chrono::seconds staleClaim{std::chrono::minutes(2)};
    int maxInFlight = 3;   // jobs handed to CUPS and not yet finished (the rest wait in the store)
    int maxPerStep = 10;   // jobs submitted per step (a step stays short even for the spool folder)
    std::chrono::milliseconds pollInterval{500};   // while jobs are in CUPS
    std::chrono::milliseconds statusInterval{2000};  // while jobs wait for the printer
};

enum class NewsKind {
    Accepted,        // CUPS has the whole document; it prints when the printer gets to it
    Printed,         // the printer printed it (CUPS completed the job)
    Saved,           // written to the spool folder ("save to folder": staff print it from there)
    PrinterProblem,  // it cannot print now; the message says what happens next (it waits in CUPS, or is retried)
    NeedsOfficer,    // given up, cancelled at the print server, or lost there: an officer decides
    Cancelled,       // an officer cancelled it (withdrawn from CUPS)
};
const char* newsKey(NewsKind k);  // "accepted", "printed", "saved", "printer-problem", "needs-officer", "cancelled"

struct PrintNews {
    std::string jobId;
    std::string candidateId;
    NewsKind kind = NewsKind::Accepted;
    print::PrinterCondition condition = print::PrinterCondition::Ready;
    std::string message;  // what happened and what happens next; names no candidate
    bool final() const {
        return kind == NewsKind::Printed || kind == NewsKind::Saved || kind == NewsKind::NeedsOfficer ||
               kind == NewsKind::Cancelled;
    }
};

// The printer for a destination recorded with a job ("spool" or a CUPS queue name).
using PrinterFactory = std::function<std::unique_ptr<print::Printer>(const std::string& destination)>;

class PrintRunner {
public:
    // `owner` names this process in the store's claims (defaultOwner() unless a test says otherwise).
    PrintRunner(records::Store& store, const print::PackRenderer& renderer, const content::Course& course,
                const content::ForceProfile& force, PrinterFactory factory, RetryPolicy policy = {},
                std::string owner = defaultOwner());

    // Does what is due now: withdraws from CUPS what must go, follows every job in CUPS (done, cancelled
    // there, stuck behind a stopped or unreachable printer), then hands due jobs to `current` while it is
    // ready and fewer than maxInFlight are in CUPS. `onNews` is called for each job whose situation changed,
    // as it changes. A step costs a few IPP requests (each bounded by the printer's connect timeout), never a
    // wait for paper. Store errors propagate (the caller reopens the store and tries again later).
    void step(print::Printer& current, const std::function<void(const PrintNews&)>& onNews);

    // When step() should run next: pollInterval while jobs are in CUPS, statusInterval while jobs wait for the
    // printer, nullopt when nothing is pending (run again when jobs are queued).
    std::optional<std::chrono::milliseconds> nextStepIn() const { return m_next; }

    // "<host>:<pid>:<process start time>": unique while the process lives, so a claim by a dead process is
    // recognised after a kill.
    static std::string defaultOwner();
    // Whether the process named by an owner string of this host is still running (true for another host's).
    static bool ownerAlive(const std::string& owner);

private:
    struct Tracked {
        std::string lastNews;  // kind + condition of the last news sent, so each change is told once
        std::optional<records::TimePoint> problemSince;
        std::optional<records::TimePoint> connectingSince;
        std::optional<records::TimePoint> printingSince;
    };
    print::Printer& printerFor(const std::string& destination, print::Printer& current);
    const print::PrinterStatus& statusOf(print::Printer& printer);
    void tell(const records::PrintJob& job, NewsKind kind, print::PrinterCondition condition, const std::string& message);
    void withdrawDeleted(print::Printer& current);
    void follow(const records::PrintJob& job, print::Printer& current);
    void reconcileSubmitting(const records::PrintJob& job, print::Printer& printer);
    void followSent(const records::PrintJob& job, print::Printer& printer);
    void finishWithdrawal(const records::PrintJob& job, print::Printer& printer);
    void attemptFailed(const records::PrintJob& job, print::Printer& printer, print::PrinterCondition condition,
                       const std::string& what, bool inCups);
    void purgeAndRecord(const records::PrintJob& job, print::Printer& printer, int cupsJobId);
    void submitDue(print::Printer& current);
    // Hands one claimed job over; true when CUPS now has it (it counts as in flight).
    bool submitOne(const records::PrintJob& job, print::Printer& current, const print::PrinterStatus& status);
    records::TimePoint now() const;

    records::Store& m_store;
    const print::PackRenderer& m_renderer;
    const content::Course& m_course;
    const content::ForceProfile& m_force;
    PrinterFactory m_factory;
    RetryPolicy m_policy;
    std::string m_owner;
    std::map<std::string, std::unique_ptr<print::Printer>> m_printers;  // by destination, for jobs in flight
    std::map<const print::Printer*, print::PrinterStatus> m_status;     // asked once per step
    std::map<std::string, Tracked> m_tracked;                           // by job id
    const std::function<void(const PrintNews&)>* m_onNews = nullptr;
    bool m_wasReady = true;
    std::optional<std::chrono::milliseconds> m_next;
};

// "14:32" style time for messages: Europe/London, as every time the kiosk shows.
std::string londonTime(records::TimePoint t);

}  // namespace kiosk::packs
