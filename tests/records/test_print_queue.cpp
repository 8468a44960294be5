// The print queue's durable state machine (migration 5): transitions and the states they start from, retry
// timing, what CUPS may still hold, withdrawals of erased jobs, the upgrade of a version 4 store.
// Layer: tests (records).
#include "kiosk/records/migrations.hpp"
#include "kiosk/records/store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace kiosk::records;
using records_test::TempDir;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Queue {
    Queue() {
        OpenOptions o;
        o.clock = [this] { return now; };
        store = std::move(Store::open(tmp.data(), o).store);
        CheckInInput in;
        in.name = "Queue Person";
        in.constituency = "Arfon";
        candidate = store->checkIn(in).candidateId;
    }
    TempDir tmp;
    TimePoint now = std::chrono::system_clock::now();
    std::unique_ptr<Store> store;
    std::string candidate;
};

}  // namespace

TEST_CASE("print jobs move only along the state machine, each step from the state it expects", "[records]") {
    Queue q;
    const auto job = q.store->enqueuePrint(q.candidate, "Desk");
    const auto claimed = q.store->claimNextPrint("Desk", "kiosk:1:1");
    REQUIRE(claimed);
    CHECK(claimed->state == PrintState::Submitting);
    CHECK(claimed->inCups);  // CUPS may have it from now on
    CHECK(claimed->owner == "kiosk:1:1");
    CHECK(q.store->printJob(job).state == PrintState::Submitting);
    CHECK_FALSE(q.store->claimNextPrint("Desk", "other"));  // never handed out twice
    q.store->recordPrintReference(job, "17");
    CHECK(q.store->printJob(job).reference == "17");
    q.store->markPrintSent(job, "17");
    CHECK_THROWS_AS(q.store->recordPrintReference(job, "18"), InputError);  // only while submitting
    CHECK_THROWS_AS(q.store->retryPrint(job), InputError);  // CUPS has it: it may be printing
    CHECK(q.store->printJobsInCups().size() == 1);
    q.store->markPrintDone(job);
    CHECK(q.store->printJob(job).inCups);  // done is recorded before the purge ...
    CHECK(q.store->printJobsInCups().size() == 1);
    q.store->markPrintPurged(job);  // ... and cleared once CUPS confirmed it
    CHECK(q.store->printJobsInCups().empty());
    CHECK_THROWS_AS(q.store->markPrintFailed(job, "late"), InputError);
    CHECK_THROWS_AS(q.store->cancelPrint(job), InputError);
    // The spool folder never involves CUPS.
    const auto spool = q.store->enqueuePrint(q.candidate, "spool");
    CHECK_FALSE(q.store->claimNextPrint("spool", "kiosk:1:1")->inCups);
    q.store->cancelPrint(spool);
    CHECK(q.store->printJob(spool).state == PrintState::Cancelled);
}

TEST_CASE("a deferred job waits for its time, or for CUPS to let go of it, and counts toward the limit",
          "[records]") {
    Queue q;
    const auto job = q.store->enqueuePrint(q.candidate, "Desk");
    REQUIRE(q.store->claimNextPrint("Desk", "k"));
    CHECK(q.store->nextPrintDue() == std::nullopt);
    q.store->deferPrint(job, "the printer is stopped", q.now + 30s, false);
    auto j = q.store->printJob(job);
    CHECK(j.state == PrintState::Waiting);
    CHECK(j.autoAttempts == 1);
    CHECK(j.lastError == "the printer is stopped");
    CHECK_FALSE(q.store->claimNextPrint("Desk", "k"));  // not due yet
    REQUIRE(q.store->nextPrintDue());
    CHECK(*q.store->nextPrintDue() - (q.now + 30s) < 1ms);
    q.now += 31s;
    CHECK(q.store->duePrintJobs(10).size() == 1);
    REQUIRE(q.store->claimNextPrint("Desk", "k"));
    CHECK(q.store->printJob(job).autoAttempts == 2);
    // Held in CUPS when deferred: not claimed again until the purge is confirmed, whatever the time.
    q.store->deferPrint(job, "aborted", q.now, true);
    CHECK_FALSE(q.store->claimNextPrint("Desk", "k"));
    CHECK(q.store->hastenWaitingPrints() == 0);
    q.store->markPrintPurged(job);
    CHECK(q.store->claimNextPrint("Desk", "k"));
    // Interrupted before CUPS had it: back to the queue, the attempt refunded.
    q.store->requeuePrint(job, "interrupted");
    CHECK(q.store->printJob(job).state == PrintState::Queued);
    CHECK(q.store->printJob(job).autoAttempts == 2);
    REQUIRE(q.store->claimNextPrint("Desk", "k"));
    // The printer came back: waiting jobs need not sit out their backoff.
    q.store->deferPrint(job, "stopped", q.now + 1h, false);
    CHECK(q.store->hastenWaitingPrints() == 1);
    REQUIRE(q.store->claimNextPrint("Desk", "k"));
    q.store->markPrintFailed(job, "gave up");
    q.store->retryPrint(job);  // an officer's retry resets the limit
    CHECK(q.store->printJob(job).autoAttempts == 0);
    CHECK(q.store->printJob(job).attempts == 5);  // every hand-out counted, for the record
}

TEST_CASE("an erased candidate's job that CUPS may hold is left for the print worker to withdraw", "[records]") {
    Queue q;
    const auto held = q.store->enqueuePrint(q.candidate, "Desk");
    REQUIRE(q.store->claimNextPrint("Desk", "k"));
    q.store->markPrintSent(held, "42");
    q.store->eraseCandidate(q.candidate, "Sgt Evans", 90);
    CHECK_THROWS_AS(q.store->printJob(held), NotFoundError);
    const auto w = q.store->printWithdrawals();
    REQUIRE(w.size() == 1);
    CHECK(w[0].jobId == held);  // a random id, the queue and CUPS's number: nothing personal
    CHECK(w[0].destination == "Desk");
    CHECK(w[0].reference == "42");
    q.store->forgetPrintWithdrawal(held);
    CHECK(q.store->printWithdrawals().empty());
}

TEST_CASE("a version 4 store keeps its print jobs, and one left sent to CUPS is marked for reconciliation",
          "[records]") {
    TempDir tmp;
    fs::create_directories(tmp.data());
    const fs::path file = tmp.data() / kStoreFileName;
    migrateFile(file, 4);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    const char* sql =
        "INSERT INTO candidates (id, name, constituency, created_at) VALUES ('c1', 'Old Person', 'Arfon', 'x');"
        "INSERT INTO print_jobs (id, candidate_id, state, destination, reference, created_at, updated_at, options) "
        "VALUES ('00000000-0000-4000-8000-000000000001', 'c1', 'sent', 'Desk', '9', 'a', 'a', ''),"
        "       ('00000000-0000-4000-8000-000000000002', 'c1', 'done', 'spool', '', 'b', 'b', '');";
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto store = std::move(Store::open(tmp.data()).store);
    CHECK(store->schemaVersion() == kSchemaVersion);
    const auto jobs = store->listPrintJobs();
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].state == PrintState::Sent);
    CHECK(jobs[0].reference == "9");
    CHECK(jobs[0].inCups);
    CHECK(jobs[1].state == PrintState::Done);
    CHECK_FALSE(jobs[1].inCups);
    CHECK(store->printJobsInCups().size() == 1);
}
