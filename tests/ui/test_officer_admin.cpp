// Headless UI tests of officer mode's admin pages, driven by touch on a real store: batch print with a
// failing printer, queue retry and cancel, test page, printer choice, export, purge, erase, settings,
// status and exit. Layer: tests (ui).
#include "admin_fixture.hpp"

#include "kiosk/officer/settings.hpp"
#include "kiosk/packs/printer_choice.hpp"
#include "kiosk/records/clock.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace kiosk;
using flow::OfficerPage;
using test::AdminKiosk;
namespace fs = std::filesystem;

namespace {

int pdfsIn(const fs::path& dir) {
    int n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".pdf") ++n;
    return n;
}

int auditCount(const records::Store& store, const std::string& action) {
    int n = 0;
    for (const auto& r : store.auditRows())
        if (r.action == action) ++n;
    return n;
}

}  // namespace

TEST_CASE("batch print with a failing printer shows per-job failures, and retry prints them once fixed", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Printing);
    CHECK(k.shows("reprint:Ann Jones"));
    k.tap("batch-print");
    CHECK(k.shows("question"));  // asks first
    CHECK(k.jobs().empty());
    k.tap("batch-confirm");
    CHECK(k.jobs().size() == 3);
    CHECK(k.wakes == 1);
    CHECK(k.shows("batch-progress"));
    CHECK(k.state().admin.printing.batchPending == 3);

    k.printer.state().broken = true;
    k.runPrinter();
    CHECK(k.state().admin.printing.batchFailed == 3);
    CHECK(k.shows("job:Ann Jones:failed"));
    CHECK(k.shows("job:Siân Gwenllian:failed"));
    CHECK(k.shows("retry:Bob Smith"));

    k.printer.state().broken = false;
    k.tap("batch-retry");
    CHECK(k.state().admin.printing.batchPending == 3);
    k.runPrinter();
    CHECK(k.state().admin.printing.batchDone == 3);
    CHECK(k.state().admin.printing.batchFailed == 0);
    CHECK(k.shows("job:Ann Jones:done"));
    CHECK_FALSE(k.shows("batch-retry"));
    CHECK(k.printer.state().printed == 3);
    CHECK(auditCount(k.store(), "print") >= 2);  // the batch and the retries
}

TEST_CASE("reprint one pack queues exactly that candidate's pack", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Printing);
    k.tap("reprint:Bob Smith");
    const auto jobs = k.jobs();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].candidateId == k.candidates[1]);
    CHECK(k.state().notice.find("queued") != std::string::npos);
    CHECK_FALSE(k.state().noticeBad);
}

TEST_CASE("the print queue lists failed jobs - retry queues again and cancel asks first", "[ui][officer]") {
    AdminKiosk k;
    for (const auto& c : k.candidates) k.store().enqueuePrint(c, "spool");
    k.printer.state().broken = true;
    k.runPrinter();
    k.open(OfficerPage::PrintQueue);
    CHECK(k.shows("job:Ann Jones:failed"));
    k.tap("retry:Ann Jones");
    CHECK(k.shows("job:Ann Jones:queued"));

    k.tap("cancel:Bob Smith");
    CHECK(k.shows("question"));
    k.tap("keep");  // "No, keep it" leaves the job alone
    CHECK(k.shows("job:Bob Smith:failed"));
    k.tap("cancel:Bob Smith");
    k.tap("cancel-confirm");
    CHECK_FALSE(k.shows("job:Bob Smith:failed"));  // cancelled jobs are hidden ...
    k.tap("show-all");
    CHECK(k.shows("job:Bob Smith:cancelled"));  // ... until asked for
    int cancelled = 0;
    for (const auto& j : k.jobs()) cancelled += j.state == records::PrintState::Cancelled;
    CHECK(cancelled == 1);

    k.printer.state().broken = false;
    k.runPrinter();
    CHECK(k.shows("job:Ann Jones:done"));
}

TEST_CASE("a printer test page lands in the spool folder as a PDF", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Printer);
    k.tap("test-page");
    CHECK(pdfsIn(k.store().dataDir() / "spool") == 1);
    CHECK(k.state().notice.find("Test page sent") != std::string::npos);
    CHECK(k.store().auditRows().back().action == "print");
}

TEST_CASE("choosing a CUPS queue is stored, switches the worker and survives a restart", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Printer);
    CHECK(k.shows("printer:folder"));
    CHECK(k.shows("printer:Back"));
    k.tap("printer:Front");
    CHECK(k.workerQueue == "Front");
    CHECK(k.state().admin.printer.current == "Front");
    CHECK(k.store().auditRows().back().action == "settings-change");
    k.reopenStore();
    CHECK(packs::effectivePrinter(&k.store(), "") == "Front");
    k.open(OfficerPage::Printer);
    CHECK(k.state().admin.printer.current == "Front");
}

TEST_CASE("export shows the personal-data warning first, then writes a 0600 file on the drive", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Export);
    CHECK(k.shows("target:KINGSTON"));
    k.tap("format-json");
    k.tap("target:KINGSTON");
    CHECK(k.shows("warning"));
    CHECK(fs::is_empty(k.stick));  // nothing written before the officer accepts the warning
    k.tap("export-back");
    CHECK_FALSE(k.shows("warning"));
    k.tap("target:KINGSTON");
    k.tap("export-confirm");
    const fs::path file = k.stick / ("roster-" + k.store().session(k.session).date + "-" + k.session.substr(0, 8) + ".json");
    REQUIRE(fs::exists(file));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(k.state().admin.exporting.step == flow::ExportStep::Done);
    CHECK(k.store().auditRows().back().action == "export");
    CHECK(k.store().auditRows().back().actor == "Sgt Evans");
}

TEST_CASE("purge shows what is due, asks, and cancel leaves the data", "[ui][officer]") {
    AdminKiosk k;
    // An old visitor, 400 days ago, past the demo force's retention.
    {
        records::OpenOptions o;
        o.clock = [] { return std::chrono::system_clock::now() - std::chrono::hours(24 * 400); };
        const fs::path data = k.store().dataDir();
        k.o.runner.reset();
        k.o.k.runner.reset();
        k.o.k.store.reset();
        auto past = std::move(records::Store::open(data, o).store);
        records::CheckInInput in;
        in.name = "Old Visitor";
        in.constituency = "Vale";
        past->checkIn(in);
        past.reset();
        k.reopenStore();
    }
    k.open(OfficerPage::Retention);
    REQUIRE(k.state().admin.retention.dueNow.size() == 1);
    CHECK(k.state().admin.retention.upcoming.size() == 3);
    CHECK(k.shows("erase:Old Visitor"));
    k.tap("purge-now");
    CHECK(k.shows("question"));
    k.tap("keep");
    CHECK(k.store().retentionPreview(k.o.k.force.defaults.retentionDays).dueNow.size() == 1);  // nothing gone
    k.tap("purge-now");
    k.tap("purge-confirm");
    CHECK(k.store().retentionPreview(k.o.k.force.defaults.retentionDays).dueNow.empty());
    CHECK(k.state().admin.retention.dueNow.empty());
    CHECK(k.state().admin.retention.upcoming.size() == 3);
    CHECK(k.store().auditRows().back().action == "purge");
    CHECK(k.state().notice.find("Purged 1 candidate") != std::string::npos);
}

TEST_CASE("erasing one candidate needs a confirmation and removes only them", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Retention);
    k.tap("erase:Bob Smith");
    CHECK(k.shows("erase-confirm"));
    k.tap("keep");
    CHECK(k.store().roster(k.session).size() == 3);
    k.tap("erase:Bob Smith");
    k.tap("erase-confirm");
    const auto roster = k.store().roster(k.session);
    REQUIRE(roster.size() == 2);
    CHECK(std::none_of(roster.begin(), roster.end(), [](const auto& r) { return r.name == "Bob Smith"; }));
    CHECK(k.store().auditRows().back().action == "erase");
    CHECK_FALSE(k.shows("erase:Bob Smith"));
}

TEST_CASE("a settings change is saved, audited and handed to the journey", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Settings);
    const int before = k.state().admin.settings.stored.idleTimeoutSeconds;
    k.tap("+idle-timeout");
    k.tap("first-language:Cymraeg");
    k.tap("paper:Letter");
    CHECK(k.state().admin.settings.dirty());
    k.tap("settings-save");
    const auto saved = officer::loadSettings(k.store(), k.o.k.force).settings;
    CHECK(saved.idleTimeoutSeconds == before + 15);
    CHECK(saved.firstLanguage == "cy");
    CHECK(saved.paperSize == officer::PaperSize::Letter);
    CHECK(auditCount(k.store(), "settings-change") == 3);
    CHECK(k.settingsChanges == 1);
    CHECK_FALSE(k.state().admin.settings.dirty());
    // The journey's settings come from the store: a fresh config sees the change.
    CHECK(app::makeFlowConfig(k.o.k.force, {}, &k.store()).firstLanguage == "cy");
}

TEST_CASE("status warns when the review-by date has passed and shows store, disk and printer", "[ui][officer]") {
    AdminKiosk k;
    k.o.k.course.manifest.reviewBy = content::Date{2020, 1, 1};
    k.open(OfficerPage::Status);
    CHECK(k.shows("status:review-overdue"));
    CHECK(k.shows("status:database"));
    CHECK(k.shows("status:disk"));
    CHECK(k.shows("status:printer"));
    CHECK(k.state().admin.status.facts.storeHealth == "ok");
    k.o.k.course.manifest.reviewBy = content::Date{2999, 1, 1};
    k.tap("refresh");
    CHECK(k.shows("status:review-by"));
    CHECK_FALSE(k.shows("status:review-overdue"));
}

TEST_CASE("exit asks for confirmation - no keeps the kiosk running, yes quits", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::ConfirmExit);
    CHECK(k.shows("exit-confirm"));
    k.tap("keep");
    CHECK_FALSE(k.quit);
    CHECK(k.state().page == OfficerPage::Home);
    k.open(OfficerPage::ConfirmExit);
    k.tap("exit-confirm");
    CHECK(k.quit);
    CHECK(k.store().auditRows().back().action == "exit");
}

TEST_CASE("a print operator gets printing and the queue, never export, retention or exit", "[ui][officer]") {
    AdminKiosk k(flow::OfficerRole::PrintOperator);
    for (auto page : {OfficerPage::Export, OfficerPage::Retention, OfficerPage::Settings, OfficerPage::ConfirmExit}) {
        k.open(page);
        CHECK(k.state().page != page);
    }
    k.open(OfficerPage::Printing);
    CHECK(k.state().page == OfficerPage::Printing);
    CHECK(k.shows("batch-print"));
}

TEST_CASE("the admin pages fit a 1366x768 screen", "[ui][officer]") {
    AdminKiosk k(flow::OfficerRole::Officer, 1366.0f, 768.0f);
    for (auto page : {OfficerPage::Printing, OfficerPage::PrintQueue, OfficerPage::Printer, OfficerPage::Export,
                      OfficerPage::Retention, OfficerPage::Settings, OfficerPage::Status, OfficerPage::ConfirmExit}) {
        k.open(page);
        k.settle();
        for (const auto& [label, r] : k.h().probe().all()) {
            INFO(flow::pageKey(page) << ": " << label);
            CHECK(r.x0 >= 0.0f);
            CHECK(r.x1 <= 1366.0f + 0.5f);
        }
    }
}

TEST_CASE("print results arriving during a batch do not hold the 2-minute auto-lock off", "[ui][officer]") {
    AdminKiosk k;
    k.open(OfficerPage::Printing);
    k.tap("batch-print");
    k.tap("batch-confirm");
    REQUIRE(k.jobs().size() == 3);
    k.o.send(flow::OfficerTick{std::chrono::seconds(100)});
    k.runPrinter();  // the worker's news and the reload of the page it asks for
    CHECK(k.state().admin.printing.batchDone == 3);
    CHECK(k.state().officer);
    k.o.send(flow::OfficerTick{std::chrono::seconds(20)});
    CHECK_FALSE(k.state().officer);
    CHECK(k.state().page == OfficerPage::PinPad);
}
