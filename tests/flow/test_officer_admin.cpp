// Table-style tests of the admin pages' reducer: confirmations before anything destructive, the export
// warning before any file, role limits, and no personal data accepted while locked. Layer: tests (flow).
#include "kiosk/flow/officer.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::flow;

namespace {

OfficerState signedIn(OfficerPage page, OfficerRole role = OfficerRole::Officer) {
    OfficerState s = initialOfficerState({});
    s = reduceOfficer(std::move(s), EnterOfficer{}).state;
    s = reduceOfficer(std::move(s), PinAccepted{"Sgt Evans", role}).state;
    return reduceOfficer(std::move(s), ShowPage{page}).state;
}

OfficerStep send(OfficerState s, AdminEvent e) { return reduceOfficer(std::move(s), OfficerEvent{std::move(e)}); }

template <class T>
const T* effect(const OfficerStep& step) {
    for (const auto& e : step.effects)
        if (const auto* a = std::get_if<AdminEffect>(&e))
            if (const auto* t = std::get_if<T>(a)) return t;
    return nullptr;
}

RetentionLoaded sampleRetention() {
    RetentionLoaded r;
    r.retentionDays = 90;
    r.dueNow = {{"c1", "Ann Jones", "Vale", "1 Jan", "1 Apr"}};
    r.upcoming = {{"c2", "Bob Smith", "Vale", "1 Feb", "2 May"}};
    return r;
}

}  // namespace

TEST_CASE("opening each admin page asks for its data", "[flow][officer]") {
    CHECK(effect<LoadPrinting>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Printing})));
    CHECK(effect<LoadQueue>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::PrintQueue})));
    CHECK(effect<LoadPrinters>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Printer})));
    CHECK(effect<LoadExport>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Export})));
    CHECK(effect<LoadRetention>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Retention})));
    CHECK(effect<LoadSettings>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Settings})));
    CHECK(effect<LoadStatus>(reduceOfficer(signedIn(OfficerPage::Home), ShowPage{OfficerPage::Status})));
}

TEST_CASE("a batch print needs confirmation and then tracks its jobs", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::Printing);
    s = send(std::move(s), PrintingLoaded{"s1", "today", {{"c1", "Ann", "Vale", "09:00"}}}).state;
    auto step = send(s, ConfirmBatchPrint{});
    CHECK_FALSE(effect<SaveBatchPrint>(step));  // not asked yet
    s = send(std::move(s), AskBatchPrint{}).state;
    CHECK(s.admin.printing.mode == PrintingMode::ConfirmBatch);
    CHECK(send(s, AdminCancel{}).state.admin.printing.mode == PrintingMode::List);
    step = send(std::move(s), ConfirmBatchPrint{});
    REQUIRE(effect<SaveBatchPrint>(step));
    CHECK(effect<SaveBatchPrint>(step)->sessionId == "s1");
    CHECK(effect<SaveBatchPrint>(step)->actor == "Sgt Evans");
    step = send(std::move(step.state), BatchStarted{{"j1"}});
    REQUIRE(effect<LoadBatch>(step));
    s = send(std::move(step.state), BatchLoaded{{{"j1", "c1", "Ann", "failed", 1, "out of paper", ""}}, 0, 1, 0}).state;
    CHECK(s.admin.printing.batchFailed == 1);
    step = send(s, RetryBatchFailed{});
    REQUIRE(effect<SaveRetryJobs>(step));
    CHECK(effect<SaveRetryJobs>(step)->jobIds == std::vector<std::string>{"j1"});
    // The print worker's results reload the batch; leaving and coming back keeps it on show.
    CHECK(effect<LoadBatch>(send(s, PrintJobsChanged{})));
    s = reduceOfficer(std::move(s), ShowPage{OfficerPage::Home}).state;
    step = reduceOfficer(std::move(s), ShowPage{OfficerPage::Printing});
    CHECK(effect<LoadBatch>(step));
}

TEST_CASE("cancelling a queued job asks first - retry goes straight to the store", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::PrintQueue);
    s = send(std::move(s), QueueLoaded{{{"j1", "c1", "Ann", "failed", 2, "jam", ""}}}).state;
    CHECK(effect<SaveRetryJobs>(send(s, RetryJob{"j1"})));
    CHECK_FALSE(effect<SaveRetryJobs>(send(s, RetryJob{"unknown"})));
    s = send(std::move(s), AskCancelJob{"j1"}).state;
    REQUIRE(s.admin.queue.confirmCancel);
    auto step = send(s, ConfirmCancelJob{});
    REQUIRE(effect<SaveCancelJob>(step));
    CHECK(effect<SaveCancelJob>(step)->jobId == "j1");
    CHECK_FALSE(send(s, AdminCancel{}).state.admin.queue.confirmCancel);
}

TEST_CASE("an export shows the personal-data warning before writing anything", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::Export);
    s = send(std::move(s), ExportLoaded{{{"Export folder", "/x", "1 GB free", true, false},
                                         {"RO", "/ro", "0 bytes free", false, true}},
                                        "s1", "today", 3})
            .state;
    CHECK_FALSE(effect<SaveExport>(send(s, ConfirmExport{})));  // no target, no warning yet
    CHECK(send(s, PickExportTarget{1}).state.admin.exporting.step == ExportStep::Pick);  // not writable
    s = send(std::move(s), SetExportJson{true}).state;
    s = send(std::move(s), PickExportTarget{0}).state;
    CHECK(s.admin.exporting.step == ExportStep::Warn);
    CHECK(send(s, AdminCancel{}).state.admin.exporting.step == ExportStep::Pick);
    auto step = send(std::move(s), ConfirmExport{});
    REQUIRE(effect<SaveExport>(step));
    CHECK(effect<SaveExport>(step)->folder == "/x");
    CHECK(effect<SaveExport>(step)->json);
    s = send(std::move(step.state), ExportWritten{"/x/roster.json"}).state;
    CHECK(s.admin.exporting.step == ExportStep::Done);
    CHECK(s.admin.exporting.written == "/x/roster.json");
}

TEST_CASE("purge and erase each need a confirmation", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::Retention);
    s = send(std::move(s), sampleRetention()).state;
    CHECK_FALSE(effect<SavePurge>(send(s, ConfirmPurge{})));
    s = send(std::move(s), AskPurge{}).state;
    CHECK(effect<SavePurge>(send(s, ConfirmPurge{})));
    s = send(std::move(s), AdminCancel{}).state;
    CHECK(s.admin.retention.mode == RetentionMode::View);
    CHECK_FALSE(send(s, AskErase{"nobody"}).state.admin.retention.mode == RetentionMode::ConfirmErase);
    s = send(std::move(s), AskErase{"c2"}).state;
    CHECK(s.admin.retention.mode == RetentionMode::ConfirmErase);
    auto step = send(s, ConfirmErase{});
    REQUIRE(effect<SaveErase>(step));
    CHECK(effect<SaveErase>(step)->candidateId == "c2");
    CHECK(step.state.admin.retention.target.empty());
}

TEST_CASE("settings are edited within their ranges and saved only when changed", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::Settings);
    SettingsValues v;
    v.idleTimeoutSeconds = 30;
    s = send(std::move(s), SettingsLoaded{v, {}}).state;
    CHECK_FALSE(effect<SaveSettings>(send(s, SaveSettingsPressed{})));
    s = send(std::move(s), StepSetting{SettingField::IdleTimeout, -60}).state;
    CHECK(s.admin.settings.edited.idleTimeoutSeconds == kIdleTimeoutMin);
    s = send(std::move(s), StepSetting{SettingField::FirstLanguage}).state;
    s = send(std::move(s), StepSetting{SettingField::Paper}).state;
    CHECK(s.admin.settings.edited.firstLanguage == "cy");
    CHECK(s.admin.settings.edited.letterPaper);
    CHECK(send(s, RevertSettings{}).state.admin.settings.edited == v);
    auto step = send(std::move(s), SaveSettingsPressed{});
    REQUIRE(effect<SaveSettings>(step));
    CHECK(effect<SaveSettings>(step)->values.idleTimeoutSeconds == kIdleTimeoutMin);
    CHECK(clampSetting(SettingField::IdleCountdown, 1000) == kIdleCountdownMax);
}

TEST_CASE("quitting needs the exit page's confirmation, once", "[flow][officer]") {
    OfficerState s = signedIn(OfficerPage::Status);
    CHECK_FALSE(effect<QuitKiosk>(send(s, ConfirmQuit{})));  // not from another page
    s = reduceOfficer(std::move(s), ShowPage{OfficerPage::ConfirmExit}).state;
    CHECK(send(s, AdminCancel{}).state.page == OfficerPage::Home);
    auto step = send(std::move(s), ConfirmQuit{});
    REQUIRE(effect<QuitKiosk>(step));
    CHECK(step.state.admin.quitting);
    CHECK_FALSE(effect<QuitKiosk>(send(std::move(step.state), ConfirmQuit{})));
}

TEST_CASE("a print operator cannot reach retention, export or exit - locked state ignores late data",
          "[flow][officer]") {
    OfficerState op = signedIn(OfficerPage::Retention, OfficerRole::PrintOperator);
    CHECK(op.page != OfficerPage::Retention);
    op = reduceOfficer(std::move(op), ShowPage{OfficerPage::Printing}).state;
    CHECK(op.page == OfficerPage::Printing);
    CHECK_FALSE(effect<SavePurge>(send(op, ConfirmPurge{})));

    OfficerState s = signedIn(OfficerPage::Retention);
    s = reduceOfficer(std::move(s), LockOfficer{}).state;
    s = send(std::move(s), sampleRetention()).state;
    CHECK(s.admin.retention.dueNow.empty());
}
