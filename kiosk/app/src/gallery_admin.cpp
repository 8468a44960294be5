// The gallery's shots of officer mode's admin pages, each reduced from real events with plausible plain
// data (no store). Layer: kiosk/app (pure: builds flow states).
#include "kiosk/app/gallery.hpp"

namespace kiosk::app {
namespace {

using namespace flow;

OfficerState with(OfficerState s, const AdminEvent& e) {
    return reduceOfficer(std::move(s), OfficerEvent{e}).state;
}

OfficerState page(const OfficerState& signedIn, OfficerPage p) {
    return reduceOfficer(signedIn, ShowPage{p}).state;
}

const std::vector<CandidateRow>& candidates() {
    static const std::vector<CandidateRow> kRows = {
        {"c1", "Siân Gwenllian", "Arfon", "27/11/2026 09:12 GMT"},
        {"c2", "Ann Jones", "Vale of Clwyd", "27/11/2026 09:15 GMT"},
        {"c3", "Llŷr Gruffydd", "Gogledd Cymru", "27/11/2026 09:21 GMT"},
        {"c4", "Robert Smith-Montgomery", "Montgomeryshire and Glyndŵr", "27/11/2026 09:40 GMT"},
    };
    return kRows;
}

std::vector<PrintJobRow> jobs(bool batch) {
    std::vector<PrintJobRow> out = {
        {"j1", "c1", "Siân Gwenllian", "done", 1, "", "27/11/2026 09:51 GMT"},
        {"j2", "c2", "Ann Jones", "failed", 2, "the printer did not take the job: media-empty", "27/11/2026 09:52 GMT"},
        {"j3", "c3", "Llŷr Gruffydd", batch ? "sent" : "queued", 1, "", "27/11/2026 09:52 GMT"},
        {"j4", "c4", "Robert Smith-Montgomery", "queued", 0, "", "27/11/2026 09:52 GMT"},
    };
    if (!batch) out.push_back({"j5", "", "", "failed", 3, "pack cannot be rendered: candidate not found", "26/11/2026 16:02 GMT"});
    return out;
}

StatusFacts status(bool overdue) {
    StatusFacts f;
    f.contentVersion = "2026.11";
    f.lawAsAt = "2026-11-01";
    f.reviewBy = overdue ? "2026-10-31" : "2027-05-01";
    f.reviewOverdue = overdue;
    f.storeHealth = "ok";
    f.lastBackup = "27/11/2026 09:00 GMT";
    f.backupMissing = false;
    f.freeBytes = 12ull * 1024 * 1024 * 1024;
    f.freeSpace = "12 GB free in /var/lib/briefing-kiosk";
    f.printer = overdue ? "Front" : "Save to folder";
    f.printerState = overdue ? "stopped: media-empty" : "ready: packs are saved to /var/lib/briefing-kiosk/spool";
    f.printerProblem = overdue;
    return f;
}

}  // namespace

std::vector<OfficerGalleryShot> galleryAdminShots(const OfficerState& signedIn) {
    std::vector<OfficerGalleryShot> out;
    auto add = [&](const std::string& name, OfficerState s) { out.push_back({"officer-" + name, std::move(s)}); };

    OfficerState printing = with(page(signedIn, OfficerPage::Printing),
                                 PrintingLoaded{"s1", "2026-11-27, Town Hall, Caernarfon (open, 4 candidates)", candidates()});
    add("printing", printing);
    add("printing-confirm", with(printing, AskBatchPrint{}));
    OfficerState batch = with(printing, BatchStarted{{"j1", "j2", "j3", "j4"}});
    add("printing-batch", with(batch, BatchLoaded{jobs(true), 1, 1, 2}));

    OfficerState queue = with(page(signedIn, OfficerPage::PrintQueue), QueueLoaded{jobs(false)});
    add("print-queue", queue);
    add("print-queue-cancel", with(queue, AskCancelJob{"j2"}));

    add("printer", with(page(signedIn, OfficerPage::Printer),
                        PrintersLoaded{{{"", "Save to folder", "", false},
                                        {"Back_Office", "Back_Office (HP LaserJet, room 2)", "stopped: media-empty", false},
                                        {"Front", "Front (Front desk)", "idle", true}},
                                       "Front",
                                       "CUPS queue Front"}));

    OfficerState exporting = with(page(signedIn, OfficerPage::Export),
                                  ExportLoaded{{{"Export folder", "/var/lib/briefing-kiosk/exports", "12 GB free", true, false},
                                                {"KINGSTON", "/media/officer/KINGSTON", "7.2 GB free", true, true},
                                                {"CDROM", "/media/officer/CDROM", "0 bytes free", false, true}},
                                               "s1",
                                               "2026-11-27, Town Hall, Caernarfon (open, 4 candidates)",
                                               4});
    add("export", exporting);
    add("export-warning", with(exporting, PickExportTarget{1}));
    add("export-done", with(with(exporting, PickExportTarget{1}),
                            ExportWritten{"/media/officer/KINGSTON/roster-2026-11-27-3f2a9c1e.csv"}));

    RetentionLoaded r;
    r.retentionDays = 90;
    r.cutoff = "29/08/2026 09:00 BST";
    r.dueNow = {{"c9", "Gareth Price", "Ceredigion", "12/08/2026 10:02 BST", "10/11/2026 09:02 GMT"},
                {"c8", "Mair Roberts", "Dwyfor Meirionnydd", "20/08/2026 14:30 BST", "18/11/2026 13:30 GMT"}};
    r.upcoming = {{"c7", "Tomos Hughes", "Ynys Môn", "02/09/2026 11:00 BST", "01/12/2026 10:00 GMT"},
                  {"c1", "Siân Gwenllian", "Arfon", "27/11/2026 09:12 GMT", "25/02/2027 09:12 GMT"}};
    r.emptySessionsDueNow = 1;
    OfficerState retention = with(page(signedIn, OfficerPage::Retention), r);
    add("retention", retention);
    add("retention-purge", with(retention, AskPurge{}));
    add("retention-erase", with(retention, AskErase{"c7"}));

    SettingsValues v;
    v.idleTimeoutSeconds = 90;
    v.idleCountdownSeconds = 20;
    OfficerState settings = with(page(signedIn, OfficerPage::Settings), SettingsLoaded{v, {}});
    add("settings", with(with(settings, StepSetting{SettingField::IdleTimeout, 30}), StepSetting{SettingField::FirstLanguage}));

    add("status", with(page(signedIn, OfficerPage::Status), StatusLoaded{status(false)}));
    add("status-warnings", with(page(signedIn, OfficerPage::Status), StatusLoaded{status(true)}));

    add("exit", page(signedIn, OfficerPage::ConfirmExit));
    return out;
}

}  // namespace kiosk::app
