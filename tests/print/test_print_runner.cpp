// The print client (kiosk/packs PrintRunner) end to end: the store's print queue through the stock CUPS
// scheduler and the real socket backend to a listener. Each job's news as it happens; a stopped, rejecting or
// unreachable printer and a scheduler that is down noticed within seconds; the pack printing by itself when
// the printer comes back; cancelled at the scheduler; given up, cancelled by an officer or erased: nothing
// left in CUPS; a half-made job left by a kill reconciled and printed once. Layer: tests (print, e2e).
#include <catch2/catch.hpp>

#include <cups/cups.h>

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "cups_scheduler.hpp"
#include "kiosk/packs/print_runner.hpp"
#include "kiosk/records/store.hpp"
#include "print/printer.hpp"
#include "temp_dir.hpp"

using namespace std::chrono_literals;
using namespace kiosk;
using packs::NewsKind;
using print::PrinterCondition;
using records::PrintState;

namespace {

const std::string kCourseDir = std::string(BK_SOURCE_DIR) + "/content/course";

packs::RetryPolicy testPolicy() {
    packs::RetryPolicy p;
    p.backoff = {1s, 2s};
    p.maxAttempts = 3;
    p.connectingGrace = 1s;
    p.giveUpAfter = 60s;
    p.pollInterval = 100ms;
    p.statusInterval = 200ms;
    return p;
}

struct Kiosk {
    explicit Kiosk(cups_test::Scheduler& s, int printerPort, packs::RetryPolicy policy = testPolicy()) : cups(s) {
        REQUIRE(cups.addQueue("Desk", printerPort));
        store = std::move(records::Store::open(tmp.data()).store);
        session = store->openSession({"2026-11-27", "Town Hall", "Sgt Evans"}, "Sgt Evans");
        for (const char* name : {"Siân Gwenllian", "Ann Jones", "Bob Smith"}) {
            records::CheckInInput in;
            in.sessionId = session;
            in.name = name;
            in.constituency = "Arfon";
            candidates.push_back(store->checkIn(in).candidateId);
        }
        print::CupsSettings settings;
        settings.queue = "Desk";
        settings.server = cups.server();
        printer = std::make_unique<print::CupsPrinter>(settings);
        runner = std::make_unique<packs::PrintRunner>(*store, renderer, course, force, nullptr, policy);
    }
    std::string enqueue(int i) { return store->enqueuePrint(candidates[static_cast<std::size_t>(i)], "Desk", ""); }
    // Steps as the print worker does until `done` says so or `timeout` passes; the news is kept in order.
    bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            runner->step(*printer, [&](const packs::PrintNews& n) {
                news.push_back(n);
                newsAt.push_back(std::chrono::steady_clock::now());
            });
            if (done()) return true;
            std::this_thread::sleep_for(runner->nextStepIn().value_or(100ms));
        }
        return done();
    }
    std::optional<packs::PrintNews> latest(const std::string& job) const {
        for (auto it = news.rbegin(); it != news.rend(); ++it)
            if (it->jobId == job) return *it;
        return std::nullopt;
    }
    bool heard(const std::string& job, NewsKind kind, std::optional<PrinterCondition> c = std::nullopt) const {
        for (const auto& n : news)
            if (n.jobId == job && n.kind == kind && (!c || n.condition == *c)) return true;
        return false;
    }
    PrintState state(const std::string& job) const { return store->printJob(job).state; }
    // A job purged while its backend runs goes once cupsd has stopped the backend: allow it a moment.
    bool nothingOfCandidatesInCups() const {
        for (int i = 0; i < 50; ++i) {
            if (cups.spooledFiles() == 0 && cups.jobsListed() == 0) return true;
            std::this_thread::sleep_for(100ms);
        }
        UNSCOPED_INFO("spool files " << cups.spooledFiles() << ", jobs listed " << cups.jobsListed());
        return false;
    }

    cups_test::Scheduler& cups;
    records_test::TempDir tmp;
    content::Course course = content::loadCourse(kCourseDir);
    content::ForceProfile force = content::loadForceProfile(kCourseDir + "/forces/demo.toml");
    print::PackRenderer renderer{print::findPackAssets()};
    std::unique_ptr<records::Store> store;
    std::string session;
    std::vector<std::string> candidates;
    std::unique_ptr<print::CupsPrinter> printer;
    std::unique_ptr<packs::PrintRunner> runner;
    std::vector<packs::PrintNews> news;
    std::vector<std::chrono::steady_clock::time_point> newsAt;
};

}  // namespace

TEST_CASE("a session's packs print one after another, each job's news as it happens, and CUPS keeps nothing",
          "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    auto policy = testPolicy();
    policy.maxInFlight = 1;  // one at a time, so the first is reported printed before the last is sent
    Kiosk k(cups, port, policy);
    const std::vector<std::string> jobs{k.enqueue(0), k.enqueue(1), k.enqueue(2)};
    REQUIRE(k.runUntil([&] { return k.store->printJobsInCups().empty() && !k.store->nextPrintDue(); }, 60s));
    for (const auto& j : jobs) {
        CHECK(k.state(j) == PrintState::Done);
        CHECK(k.heard(j, NewsKind::Accepted));
        CHECK(k.heard(j, NewsKind::Printed));
        CHECK_FALSE(k.store->printJob(j).inCups);
    }
    // Progress moves per job: the first pack's "printed" came before the last pack was even sent.
    std::size_t firstPrinted = 0, lastAccepted = 0;
    for (std::size_t i = 0; i < k.news.size(); ++i) {
        if (k.news[i].jobId == jobs[0] && k.news[i].kind == NewsKind::Printed) firstPrinted = i;
        if (k.news[i].jobId == jobs[2] && k.news[i].kind == NewsKind::Accepted) lastAccepted = i;
    }
    CHECK(firstPrinted < lastAccepted);
    const auto docs = listener.waitFor(3, 5s);
    CHECK(docs.size() == 3);
    for (const auto& d : docs) CHECK(d.rfind("%PDF-", 0) == 0);
    CHECK(k.nothingOfCandidatesInCups());
    CHECK(cups.alive());
}

TEST_CASE("a stopped (disabled) printer is noticed at once, the pack is kept and prints when it is started",
          "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    Kiosk k(cups, port);
    REQUIRE(cups.run("cupsdisable Desk") == 0);
    const auto printAt = std::chrono::steady_clock::now();
    const auto job = k.enqueue(0);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::PrinterProblem, PrinterCondition::Stopped); }, 10s));
    CHECK(k.newsAt.back() - printAt < 3s);
    CHECK(k.state(job) == PrintState::Waiting);
    CHECK(k.latest(job)->message.find("stopped") != std::string::npos);
    CHECK(k.latest(job)->message.find("Tried again at") != std::string::npos);
    CHECK(k.nothingOfCandidatesInCups());  // it waits in the kiosk, not in CUPS's spool
    REQUIRE(cups.run("cupsenable Desk") == 0);
    REQUIRE(k.runUntil([&] { return k.state(job) == PrintState::Done; }, 30s));
    CHECK(listener.waitFor(1, 5s).size() == 1);
    CHECK(k.nothingOfCandidatesInCups());
}

TEST_CASE("a printer that rejects jobs is noticed, and the pack prints once it accepts again", "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    Kiosk k(cups, port);
    REQUIRE(cups.run("cupsreject Desk") == 0);
    const auto job = k.enqueue(1);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::PrinterProblem, PrinterCondition::Rejecting); }, 10s));
    CHECK(k.state(job) == PrintState::Waiting);
    REQUIRE(cups.run("cupsaccept Desk") == 0);
    REQUIRE(k.runUntil([&] { return k.state(job) == PrintState::Done; }, 30s));
    CHECK(listener.waitFor(1, 5s).size() == 1);
}

TEST_CASE("an unreachable printer is noticed in seconds, and given up the pack is withdrawn from CUPS without a trace",
          "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    auto policy = testPolicy();
    policy.giveUpAfter = 4s;
    Kiosk k(cups, cups_test::freePort(), policy);  // nothing listens there
    const auto printAt = std::chrono::steady_clock::now();
    const auto job = k.enqueue(0);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::PrinterProblem, PrinterCondition::Unreachable); }, 15s));
    const auto noticed = k.newsAt.back() - printAt;
    CHECK(noticed < 8s);
    CHECK(k.state(job) == PrintState::Sent);  // held in CUPS: it would print by itself if the printer came back
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::NeedsOfficer); }, 20s));
    CHECK(k.state(job) == PrintState::Failed);
    CHECK(k.latest(job)->message.find("withdrawn") != std::string::npos);
    REQUIRE(k.runUntil([&] { return !k.store->printJob(job).inCups; }, 5s));
    CHECK(k.nothingOfCandidatesInCups());
}

TEST_CASE("an unreachable printer comes back and the held pack prints by itself", "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    Kiosk k(cups, port);
    const auto job = k.enqueue(2);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::PrinterProblem, PrinterCondition::Unreachable); }, 15s));
    cups_test::PrinterListener listener(port);  // plugged back in
    REQUIRE(k.runUntil([&] { return k.state(job) == PrintState::Done; }, 60s));
    CHECK(k.heard(job, NewsKind::Printed));
    CHECK(listener.waitFor(1, 5s).size() == 1);
    REQUIRE(k.runUntil([&] { return !k.store->printJob(job).inCups; }, 5s));
    CHECK(k.nothingOfCandidatesInCups());
}

TEST_CASE("the print server down is told at once, nothing is lost, and the pack prints once it is back",
          "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    Kiosk k(cups, port);
    cups.stop();
    const auto t0 = std::chrono::steady_clock::now();
    const auto job = k.enqueue(0);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::PrinterProblem, PrinterCondition::SchedulerDown); }, 10s));
    CHECK(std::chrono::steady_clock::now() - t0 < 5s);
    CHECK(k.state(job) == PrintState::Waiting);
    cups.start();
    REQUIRE(cups.running());
    REQUIRE(k.runUntil([&] { return k.state(job) == PrintState::Done; }, 30s));
    CHECK(listener.waitFor(1, 5s).size() == 1);
}

TEST_CASE("a job cancelled at the print server needs an officer and leaves nothing there", "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    Kiosk k(cups, cups_test::freePort());
    const auto job = k.enqueue(0);  // accepted, then held: nothing listens where the printer should be
    REQUIRE(k.runUntil([&] { return k.state(job) == PrintState::Sent; }, 10s));
    const int cupsJob = std::stoi(k.store->printJob(job).reference);
    REQUIRE(cups.run("cancel " + std::to_string(cupsJob)) == 0);
    REQUIRE(k.runUntil([&] { return k.heard(job, NewsKind::NeedsOfficer); }, 10s));
    CHECK(k.state(job) == PrintState::Failed);
    CHECK(k.latest(job)->message.find("cancelled at the print server") != std::string::npos);
    REQUIRE(k.runUntil([&] { return !k.store->printJob(job).inCups; }, 5s));
    CHECK(k.nothingOfCandidatesInCups());
}

TEST_CASE("an officer's cancel and an erasure withdraw a held job from CUPS", "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    Kiosk k(cups, cups_test::freePort());  // unreachable: jobs stay in CUPS
    const auto cancelled = k.enqueue(0);
    const auto erased = k.enqueue(1);
    REQUIRE(k.runUntil([&] { return k.state(cancelled) == PrintState::Sent && k.state(erased) == PrintState::Sent; }, 10s));
    k.store->cancelPrint(cancelled);
    k.store->eraseCandidate(k.candidates[1], "Sgt Evans", 90);
    CHECK(k.store->printWithdrawals().size() == 1);
    REQUIRE(k.runUntil([&] { return k.heard(cancelled, NewsKind::Cancelled) && k.store->printWithdrawals().empty(); }, 15s));
    CHECK_FALSE(k.store->printJob(cancelled).inCups);
    CHECK(k.nothingOfCandidatesInCups());
}

TEST_CASE("work a killed worker left half done is reconciled: each pack prints exactly once", "[print][e2e]") {
    cups_test::Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    Kiosk k(cups, port);
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    const std::string dead = std::string(host) + ":999999999:0";  // a process that no longer exists
    CHECK_FALSE(packs::PrintRunner::ownerAlive(dead));
    CHECK(packs::PrintRunner::ownerAlive(packs::PrintRunner::defaultOwner()));
    print::CupsSettings settings;
    settings.queue = "Desk";
    settings.server = cups.server();
    print::CupsPrinter direct(settings);

    // 1. Killed before Create-Job: CUPS never had it, so it is sent (once).
    const auto before = k.enqueue(0);
    REQUIRE(k.store->claimNextPrint("Desk", dead));
    // 2. Killed between Create-Job and the document: the empty job is purged and the pack sent (once).
    const auto between = k.enqueue(1);
    REQUIRE(k.store->claimNextPrint("Desk", dead));
    {
        http_t* http = httpConnect2("127.0.0.1", cups.port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 3000, nullptr);
        REQUIRE(http);
        ipp_t* req = ippNewRequest(IPP_OP_CREATE_JOB);
        ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, "ipp://localhost/printers/Desk");
        ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
        ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, print::cupsJobName(between).c_str());
        ipp_t* resp = cupsDoRequest(http, req, "/printers/Desk");
        REQUIRE(resp);
        ippDelete(resp);
        httpClose(http);
    }
    // 3. Killed after CUPS had the whole document, before the store heard: adopted, not sent again.
    const auto after = k.enqueue(2);
    const auto claimed = k.store->claimNextPrint("Desk", dead);
    REQUIRE(claimed);
    const auto pdf = k.renderer.render(packs::buildPackRequest(k.store->subjectAccess(k.candidates[2]), k.course,
                                                               k.force, packs::PackOptions{}));
    REQUIRE(direct.submit({after, pdf}, {}).result == print::SubmitResult::Accepted);

    REQUIRE(k.runUntil([&] {
        return k.state(before) == PrintState::Done && k.state(between) == PrintState::Done &&
               k.state(after) == PrintState::Done && k.store->printJobsInCups().empty();
    }, 60s));
    const auto docs = listener.waitFor(3, 5s);
    std::this_thread::sleep_for(500ms);
    CHECK(listener.documents().size() == 3);  // three packs, three prints: none twice
    CHECK(k.store->printJob(after).attempts == 1);
    CHECK(k.nothingOfCandidatesInCups());
}
