// The CUPS printer against the stock Debian 12 scheduler (a private `cupsd -f`, cups_scheduler.hpp) with the
// real socket backend: a pack byte for byte, the scheduler alive afterwards, printer state through IPP
// (stopped, rejecting, unreachable, no queue, no scheduler), finding and purging our jobs.
// Layer: tests (print, e2e). Skips with a WARN when no private cupsd can run here (not root).
#include <catch2/catch.hpp>

#include <cups/cups.h>

#include "cups_scheduler.hpp"
#include "fixtures.hpp"
#include "print/cups_queues.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

using namespace std::chrono_literals;
using namespace print;
using cups_test::freePort;
using cups_test::PrinterListener;
using cups_test::Scheduler;

namespace {

std::vector<unsigned char> samplePdf() {
    static const PackRenderer kRenderer(findPackAssets());
    return kRenderer.render(testing::sampleRequest("Siân Gwenllian"));
}

CupsPrinter printerOn(const Scheduler& cups, const std::string& queue) {
    CupsSettings s;
    s.queue = queue;
    s.server = cups.server();
    return CupsPrinter(s);
}

JobObservation waitForPhase(CupsPrinter& p, int id, std::initializer_list<JobPhase> phases,
                            std::chrono::seconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    JobObservation o = p.observe(id);
    const auto wanted = [&] {
        for (auto ph : phases)
            if (o.phase == ph) return true;
        return false;
    };
    while (!wanted() && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(100ms);
        o = p.observe(id);
    }
    return o;
}

const std::string kJob = "3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f";

}  // namespace

TEST_CASE("a pack goes through the stock scheduler and the real socket backend byte for byte, and cupsd survives",
          "[print][e2e]") {
    Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int printerPort = freePort();
    PrinterListener printer(printerPort);
    REQUIRE(printer.ok());
    REQUIRE(cups.addQueue("Test", printerPort));
    CupsPrinter p = printerOn(cups, "Test");
    CHECK(p.status().condition == PrinterCondition::Ready);
    const auto pdf = samplePdf();
    int created = 0;
    const Submission sub = p.submit({kJob, pdf}, [&](int id) { created = id; });
    INFO(sub.message << "\n" << cups.errorLog());
    REQUIRE(sub.result == SubmitResult::Accepted);
    CHECK(created == sub.cupsJobId);  // told before the document was sent
    // The job carries only our safe name.
    const auto found = p.findJobs(kJob);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK(found->at(0).cupsJobId == sub.cupsJobId);
    CHECK(found->at(0).hasDocument);
    CHECK(waitForPhase(p, sub.cupsJobId, {JobPhase::Completed, JobPhase::Aborted}, 30s).phase == JobPhase::Completed);
    const auto docs = printer.waitFor(1, 10s);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].size() == pdf.size());
    CHECK(docs[0] == std::string(pdf.begin(), pdf.end()));
    CHECK(cups.alive());  // the whitespace in "Briefing pack ..." used to crash it here
    CHECK(cups.errorLog().find("segfault") == std::string::npos);
    // Completed, then purged: neither the document, nor the control file, nor the history stays.
    CHECK(p.purge(sub.cupsJobId));
    CHECK(cups.spooledFiles() == 0);
    CHECK(p.findJobs(kJob)->empty());
    CHECK(cups.jobsListed() == 0);
    CHECK(p.observe(sub.cupsJobId).phase == JobPhase::Missing);
    CHECK(cups.alive());
}

TEST_CASE("printer state through IPP: stopped, rejecting, no such queue, no scheduler", "[print][e2e]") {
    Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    REQUIRE(cups.addQueue("Front", freePort()));
    CupsPrinter p = printerOn(cups, "Front");
    CHECK(p.status().ready());

    REQUIRE(cups.run("cupsdisable Front") == 0);
    auto st = p.status();
    CHECK(st.condition == PrinterCondition::Stopped);
    CHECK(st.reasons.find("paused") != std::string::npos);
    CHECK(st.describe().find("stopped") == 0);
    REQUIRE(cups.run("cupsenable Front") == 0);
    CHECK(p.status().ready());

    REQUIRE(cups.run("cupsreject Front") == 0);
    CHECK(p.status().condition == PrinterCondition::Rejecting);
    const Submission refused = p.submit({kJob, samplePdf()}, {});
    CHECK(refused.result == SubmitResult::NotSent);
    CHECK(refused.condition == PrinterCondition::Rejecting);
    CHECK(p.findJobs(kJob)->empty());  // nothing of it stays in CUPS
    REQUIRE(cups.run("cupsaccept Front") == 0);
    CHECK(p.status().ready());

    CupsPrinter missing = printerOn(cups, "Nowhere");
    CHECK(missing.status().condition == PrinterCondition::NoSuchQueue);
    CHECK(missing.submit({kJob, samplePdf()}, {}).condition == PrinterCondition::NoSuchQueue);

    // No scheduler at all: told at once, not after a timeout.
    CupsSettings down;
    down.queue = "Front";
    down.server = "127.0.0.1:" + std::to_string(freePort());
    CupsPrinter gone(down);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(gone.status().condition == PrinterCondition::SchedulerDown);
    const Submission none = gone.submit({kJob, {'%', 'P', 'D', 'F'}}, {});
    CHECK(none.result == SubmitResult::NotSent);
    CHECK(none.condition == PrinterCondition::SchedulerDown);
    CHECK(!gone.findJobs(kJob));
    CHECK(gone.observe(1).phase == JobPhase::Unknown);
    CHECK(std::chrono::steady_clock::now() - t0 < 5s);
    CHECK(cups.alive());
}

TEST_CASE("an unreachable printer shows as connecting, and when it comes back the job prints by itself",
          "[print][e2e]") {
    Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    const int printerPort = freePort();  // nothing listens there yet
    REQUIRE(cups.addQueue("Later", printerPort));
    CupsPrinter p = printerOn(cups, "Later");
    const auto pdf = samplePdf();
    const Submission sub = p.submit({kJob, pdf}, {});
    REQUIRE(sub.result == SubmitResult::Accepted);
    // The socket backend keeps trying (connecting-to-device) and the job stays processing.
    const auto t0 = std::chrono::steady_clock::now();
    PrinterStatus st = p.status();
    while (!st.connecting && std::chrono::steady_clock::now() - t0 < 10s) {
        std::this_thread::sleep_for(100ms);
        st = p.status();
    }
    CHECK(st.connecting);
    CHECK(p.observe(sub.cupsJobId).phase == JobPhase::Printing);
    PrinterListener printer(printerPort);
    REQUIRE(printer.ok());
    CHECK(waitForPhase(p, sub.cupsJobId, {JobPhase::Completed, JobPhase::Aborted}, 60s).phase == JobPhase::Completed);
    const auto docs = printer.waitFor(1, 10s);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0] == std::string(pdf.begin(), pdf.end()));
    CHECK(p.purge(sub.cupsJobId));
    CHECK(cups.spooledFiles() == 0);
}

TEST_CASE("a job cancelled at the scheduler and a half-made job are seen, and purged without a trace",
          "[print][e2e]") {
    Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    REQUIRE(cups.addQueue("Held", freePort()));
    REQUIRE(cups.run("cupsdisable Held") == 0);  // jobs wait
    CupsPrinter p = printerOn(cups, "Held");
    const Submission sub = p.submit({kJob, samplePdf()}, {});
    REQUIRE(sub.result == SubmitResult::Accepted);
    CHECK(p.observe(sub.cupsJobId).phase == JobPhase::Waiting);
    REQUIRE(cups.run("cancel " + std::to_string(sub.cupsJobId)) == 0);
    CHECK(waitForPhase(p, sub.cupsJobId, {JobPhase::Cancelled}, 10s).phase == JobPhase::Cancelled);
    CHECK(p.purge(sub.cupsJobId));
    CHECK(p.findJobs(kJob)->empty());

    // Create-Job without its document: what a kill between the two leaves behind.
    http_t* http = httpConnect2("127.0.0.1", cups.port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 3000, nullptr);
    REQUIRE(http);
    ipp_t* req = ippNewRequest(IPP_OP_CREATE_JOB);
    const std::string uri = "ipp://localhost/printers/Held";
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, cupsJobName(kJob).c_str());
    ippDelete(cupsDoRequest(http, req, "/printers/Held"));
    httpClose(http);
    const auto half = p.findJobs(kJob);
    REQUIRE(half);
    REQUIRE(half->size() == 1);
    CHECK_FALSE(half->at(0).hasDocument);
    CHECK(half->at(0).phase == JobPhase::Waiting);
    CHECK(p.purge(half->at(0).cupsJobId));
    CHECK(p.findJobs(kJob)->empty());
    CHECK(cups.spooledFiles() == 0);
    CHECK(cups.jobsListed() == 0);
}

TEST_CASE("the officer's printer list shows each CUPS queue with its state", "[print][e2e]") {
    Scheduler cups;
    BK_REQUIRE_SCHEDULER(cups);
    CHECK(listCupsQueues(cups.server()).empty());
    REQUIRE(cups.addQueue("Front", freePort()));
    REQUIRE(cups.addQueue("Back", freePort()));
    cups.run("cupsdisable Back");
    const auto queues = listCupsQueues(cups.server());
    REQUIRE(queues.size() == 2);
    CHECK(queues[0].name == "Back");
    CHECK(queues[0].state == "stopped");
    CHECK(queues[1].name == "Front");
    CHECK(queues[1].state == "idle");
}
