// Printer choice (stored, audited, followed by the print worker) and batch printing of a session with
// per-job status and retry after a printer fault. Layer: tests (admin).
#include "admin_test_util.hpp"

#include "kiosk/packs/print_worker.hpp"
#include "kiosk/packs/printer_choice.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace kiosk;
using admin_test::FakePrinter;
using admin_test::FakePrinterState;
namespace fs = std::filesystem;

namespace {

// Collects worker results until `count` arrived or 30 s passed.
std::vector<packs::PrintResult> waitFor(packs::PrintWorker& worker, std::size_t count) {
    std::vector<packs::PrintResult> all;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
        for (auto& r : worker.takeResults()) all.push_back(std::move(r));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return all;
}

int pdfsIn(const fs::path& dir) {
    int n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".pdf") ++n;
    return n;
}

}  // namespace

TEST_CASE("the printer choice is stored, audited and overrides the configured printer", "[admin]") {
    admin_test::World w;
    CHECK_FALSE(packs::storedPrinter(*w.store).has_value());
    CHECK(packs::effectivePrinter(w.store.get(), "Office") == "Office");
    CHECK(packs::effectivePrinter(nullptr, "Office") == "Office");
    packs::choosePrinter(*w.store, "Front_Desk", "Sgt Evans");
    CHECK(packs::storedPrinter(*w.store) == std::optional<std::string>("Front_Desk"));
    CHECK(packs::effectivePrinter(w.store.get(), "Office") == "Front_Desk");
    CHECK(w.store->auditRows().back().action == "settings-change");
    CHECK(w.store->auditRows().back().actor == "Sgt Evans");
    packs::choosePrinter(*w.store, "", "Sgt Evans");
    CHECK(packs::effectivePrinter(w.store.get(), "Office").empty());
    CHECK(packs::printerLabel("") == "Save to folder");
    CHECK(packs::printerDestination("") == "spool");
    CHECK(packs::printerDestination("Front_Desk") == "Front_Desk");
    CHECK_THROWS_AS(packs::choosePrinter(*w.store, "bad/queue", "x"), records::InputError);
    CHECK_THROWS_AS(packs::choosePrinter(*w.store, "tab\tqueue", "x"), records::InputError);
    // A choice survives reopening the store.
    const fs::path data = w.store->dataDir();
    w.store.reset();
    auto reopened = std::move(records::Store::open(data).store);
    CHECK(packs::storedPrinter(*reopened) == std::optional<std::string>(""));
}

TEST_CASE("a batch print queues one job per candidate and reports progress from the queue", "[admin]") {
    admin_test::World w;
    auto state = std::make_shared<FakePrinterState>();
    FakePrinter printer(state);
    const auto ids = packs::enqueueSessionPacks(*w.store, w.session, "spool", {}, "Sgt Evans");
    REQUIRE(ids.size() == 3);
    CHECK(w.store->auditRows().back().action == "print");
    auto p = packs::batchProgress(*w.store, ids);
    CHECK(p.total == 3);
    CHECK(p.pending == 3);
    CHECK(p.fraction() == 0.0f);
    CHECK_FALSE(p.finished());

    // The printer fails the first job (no automatic retries here: it needs an officer at once), then is fixed.
    state->broken = true;
    auto policy = test_support::noRetries();
    policy.maxPerStep = 1;
    auto run = test_support::runQueue(*w.store, w.renderer, w.course, w.force, printer, policy);
    CHECK(test_support::count(run, packs::NewsKind::NeedsOfficer) == 1);
    state->broken = false;
    run = test_support::runQueue(*w.store, w.renderer, w.course, w.force, printer);
    CHECK(test_support::count(run, packs::NewsKind::Saved) == 2);
    p = packs::batchProgress(*w.store, ids);
    CHECK(p.done == 2);
    CHECK(p.failed == 1);
    CHECK(p.finished());
    CHECK(p.fraction() == 1.0f);
    REQUIRE(p.jobs.size() == 3);
    CHECK(p.jobs[0].state == records::PrintState::Failed);
    CHECK(p.jobs[0].lastError.find("printer out of paper") != std::string::npos);
    CHECK(p.jobs[0].lastError.find("an officer can print it again") != std::string::npos);

    // Retry the failed one: now it prints.
    w.store->retryPrint(ids[0]);
    CHECK(packs::batchProgress(*w.store, ids).pending == 1);
    run = test_support::runQueue(*w.store, w.renderer, w.course, w.force, printer);
    CHECK(test_support::count(run, packs::NewsKind::Saved) == 1);
    p = packs::batchProgress(*w.store, ids);
    CHECK(p.done == 3);
    CHECK(p.jobs[0].attempts == 2);
    CHECK(state->printed == 3);
    CHECK_THROWS_AS(packs::enqueueSessionPacks(*w.store, "00000000-0000-4000-8000-000000000000", "spool", {}, "x"),
                    records::NotFoundError);
}

TEST_CASE("the print worker switches printers at run time and follows the stored choice at start", "[admin]") {
    admin_test::World w;
    auto broken = std::make_shared<FakePrinterState>();
    broken->broken = true;
    auto good = std::make_shared<FakePrinterState>();
    {
        packs::PrintWorker worker(w.store->dataDir(), w.course, w.force, print::PackRenderer(print::findPackAssets()),
                                  std::make_unique<FakePrinter>(broken, "A"), true, test_support::noRetries());
        CHECK(worker.printerDescription() == "fake printer A");
        const auto job = w.store->enqueuePrint(w.candidates[0], "A");
        worker.wake();
        auto results = waitFor(worker, 1);
        REQUIRE(results.size() == 1);
        CHECK(results[0].kind == packs::NewsKind::NeedsOfficer);
        CHECK(w.store->printJob(job).state == records::PrintState::Failed);

        worker.setPrinter(std::make_unique<FakePrinter>(good, "B"));
        CHECK(worker.printerDescription() == "fake printer B");
        w.store->retryPrint(job);
        worker.wake();
        results = waitFor(worker, 1);
        REQUIRE(results.size() == 1);
        CHECK(results[0].kind == packs::NewsKind::Saved);
        CHECK(good->printed == 1);
    }
    // After a restart the officer's stored choice ("save to folder") replaces the configured printer.
    packs::choosePrinter(*w.store, "", "Sgt Evans");
    const auto job = w.store->enqueuePrint(w.candidates[1], "spool");
    packs::PrintWorker worker(w.store->dataDir(), w.course, w.force, print::PackRenderer(print::findPackAssets()),
                              std::make_unique<FakePrinter>(broken, "configured"));
    const auto results = waitFor(worker, 1);
    REQUIRE(results.size() == 1);
    CHECK(results[0].kind == packs::NewsKind::Saved);
    CHECK(w.store->printJob(job).state == records::PrintState::Done);
    CHECK(pdfsIn(w.store->dataDir() / "spool") == 1);
    CHECK(worker.printerDescription().find("spool folder") == 0);
}
