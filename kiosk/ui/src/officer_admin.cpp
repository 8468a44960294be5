// Officer mode's admin pages: printing (reprint, batch with progress), print queue, printer (choice, test
// page), export, retention, settings, status and exit. Layer: kiosk/ui (draws state, returns events).
#include "kiosk/ui/officer_admin.hpp"

#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {
namespace {

using namespace flow;
using namespace admin;

std::string count(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// ---- Printing ----
void drawPrinting(Ctx& c) {
    const auto& p = c.admin().printing;
    const float em = c.em();
    if (!p.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    if (p.sessionId.empty()) {
        admin::text(c, "There is no session yet: open one on the Sessions page, or wait for a candidate to check in.");
        return;
    }
    admin::text(c, "Session: " + p.sessionLabel);
    if (p.mode == PrintingMode::ConfirmBatch) {
        admin::confirmBox(c, "Print a pack for each of the " + count(p.candidates.size(), "candidate", "candidates") +
                                 " of this session?",
                          "Yes, print all", "batch-confirm", ConfirmBatchPrint{});
        return;
    }
    if (admin::button(c, "Print all packs for this session", 16.0f, true, "batch-print") && !p.candidates.empty())
        c.emit(AskBatchPrint{});
    if (!p.batchJobs.empty()) {
        ImGui::Dummy({0, 0.4f * em});
        const int total = static_cast<int>(p.batchJobs.size());
        const int finished = total - p.batchPending;
        int held = 0;  // waiting for the printer: in the kiosk's queue for a retry, or in CUPS behind a problem
        for (const auto& r : p.batchRows) held += r.state == "waiting" || (r.state == "sent" && !r.lastError.empty());
        char label[160];
        std::snprintf(label, sizeof label, "%d of %d handled: %d printed, %d need an officer, %d waiting for the printer, %d on their way",
                      finished, total, p.batchDone, p.batchFailed, held, std::max(0, p.batchPending - held));
        admin::progressBar(c, total == 0 ? 1.0f : static_cast<float>(finished) / static_cast<float>(total), label,
                           "batch-progress");
        if (p.batchFailed > 0) {
            if (admin::button(c, "Retry the failed ones", 12.0f, false, "batch-retry")) c.emit(RetryBatchFailed{});
            ImGui::SameLine();
        }
        if (admin::button(c, "Refresh", 7.0f, false, "refresh")) c.emit(AdminRefresh{});
        admin::jobTable(c, p.batchRows, "batch", false);
    }
    ImGui::Dummy({0, 0.4f * em});
    admin::heading(c, "Reprint one pack");
    if (p.candidates.empty()) admin::muted(c, "Nobody has checked in to this session yet.");
    if (ImGui::BeginTable("##reprint", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("constituency", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 10.5f * em);
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed, 7.5f * em);
        for (const auto& r : p.candidates) {
            ImGui::TableNextRow(ImGuiTableRowFlags_None, 2.2f * em);
            ImGui::TableNextColumn();
            admin::cellText(c, r.name);
            ImGui::TableNextColumn();
            admin::cellText(c, r.constituency);
            ImGui::TableNextColumn();
            admin::cellText(c, r.checkedIn);
            ImGui::TableNextColumn();
            if (admin::button(c, "Reprint##" + r.candidateId, 7.0f, false, "reprint:" + r.name))
                c.emit(ReprintPack{r.candidateId});
        }
        ImGui::EndTable();
    }
}

// ---- Print queue ----
void drawQueue(Ctx& c) {
    const auto& q = c.admin().queue;
    if (!q.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    if (q.confirmCancel) {
        const PrintJobRow* j = queueJob(c.admin(), *q.confirmCancel);
        admin::confirmBox(c,
                          "Cancel the print job for " + (j && !j->candidateName.empty() ? j->candidateName : "this candidate") +
                              "? It will not be printed unless someone reprints it.",
                          "Yes, cancel it", "cancel-confirm", ConfirmCancelJob{});
        return;
    }
    std::vector<PrintJobRow> shown;
    int hidden = 0;
    for (const auto& j : q.jobs) {
        if (q.showAll || (j.state != "done" && j.state != "cancelled")) shown.push_back(j);
        else ++hidden;
    }
    if (admin::button(c, q.showAll ? "Show only open jobs" : "Show finished jobs too", 13.0f, false, "show-all"))
        c.emit(ToggleShowAllJobs{});
    ImGui::SameLine();
    if (admin::button(c, "Refresh", 7.0f, false, "refresh")) c.emit(AdminRefresh{});
    if (shown.empty()) {
        admin::muted(c, q.jobs.empty() ? "The print queue is empty." : "No open jobs: everything has printed or was cancelled.");
        return;
    }
    if (!q.showAll && hidden > 0)
        admin::muted(c, std::to_string(hidden) + (hidden == 1 ? " finished job hidden." : " finished jobs hidden."));
    admin::jobTable(c, shown, "queue", true);
}

// ---- Printer ----
void drawPrinter(Ctx& c) {
    const auto& p = c.admin().printer;
    const float em = c.em();
    if (!p.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    admin::text(c, "Packs print to: " + std::string(p.current.empty() ? "Save to folder" : p.current));
    if (!p.currentDescription.empty()) admin::muted(c, "(" + p.currentDescription + ")");
    if (admin::button(c, "Print a test page", 11.0f, true, "test-page")) c.emit(PrintTestPage{});
    ImGui::Dummy({0, 0.4f * em});
    admin::heading(c, "Choose the printer");
    if (p.printers.size() == 1) admin::muted(c, "No CUPS printers were found: packs can be saved to the spool folder.");
    for (const auto& o : p.printers) {
        const std::string label = (o.current ? "In use: " : "") + o.label + (o.state.empty() ? "" : "  -  " + o.state);
        if (admin::button(c, label + "##printer-" + o.queue, 30.0f, false, "printer:" + (o.queue.empty() ? "folder" : o.queue),
                          o.current) &&
            !o.current)
            c.emit(ChoosePrinter{o.queue});
    }
}

// ---- Export ----
void drawExport(Ctx& c) {
    const auto& x = c.admin().exporting;
    const float em = c.em();
    if (!x.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    if (x.sessionId.empty()) {
        admin::text(c, "There is no session to export yet.");
        return;
    }
    admin::text(c, "Session: " + x.sessionLabel);
    if (x.step == ExportStep::Warn && x.target) {
        const auto& t = x.targets[static_cast<std::size_t>(*x.target)];
        admin::warningBox(c, "This file contains personal data: names, constituencies and contact details of " +
                                 std::to_string(x.rows) + " candidates. Keep the drive safe, hand it only to people "
                                 "entitled to it, and delete the file when it is no longer needed.");
        admin::text(c, std::string("Write ") + (x.json ? "JSON" : "CSV") + " to " + t.label + " (" + t.folder + ")?");
        if (admin::button(c, "I understand, export", 13.0f, true, "export-confirm")) c.emit(ConfirmExport{});
        ImGui::SameLine();
        if (admin::button(c, "Back", 7.0f, false, "export-back")) c.emit(AdminCancel{});
        return;
    }
    if (x.step == ExportStep::Done) {
        admin::good(c, "Written: " + x.written);
        admin::muted(c, "The file is readable only by this account (mode 0600). Remove the drive when done.");
        if (admin::button(c, "Export again", 9.0f, false, "export-again")) c.emit(AdminRefresh{});
        return;
    }
    admin::heading(c, "Format");
    if (admin::button(c, "CSV (spreadsheet)", 10.0f, false, "format-csv", !x.json)) c.emit(SetExportJson{false});
    ImGui::SameLine();
    if (admin::button(c, "JSON", 7.0f, false, "format-json", x.json)) c.emit(SetExportJson{true});
    ImGui::Dummy({0, 0.4f * em});
    admin::heading(c, "Where to");
    if (x.targets.empty())
        admin::muted(c, "No export folder is configured and no removable drive is mounted. Insert a USB drive, then Refresh.");
    for (std::size_t i = 0; i < x.targets.size(); ++i) {
        const auto& t = x.targets[i];
        const std::string label = t.label + "  -  " + t.folder + "  (" + (t.writable ? t.freeSpace : "cannot be written") + ")";
        ImGui::BeginDisabled(!t.writable);
        if (admin::button(c, label + "##target" + std::to_string(i), 40.0f, false, "target:" + t.label))
            c.emit(PickExportTarget{static_cast<int>(i)});
        ImGui::EndDisabled();
    }
    if (admin::button(c, "Refresh", 7.0f, false, "refresh")) c.emit(AdminRefresh{});
}

// ---- Retention ----
void retentionTable(Ctx& c, const std::vector<RetentionRow>& rows, const char* id, bool due) {
    const float em = c.em();
    if (!ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("seen", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("due", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed, 6.5f * em);
    for (const auto& r : rows) {
        ImGui::TableNextRow(ImGuiTableRowFlags_None, 2.2f * em);
        ImGui::TableNextColumn();
        admin::cellText(c, r.name + ", " + r.constituency);
        ImGui::TableNextColumn();
        admin::cellText(c, "last seen " + r.lastSeen);
        ImGui::TableNextColumn();
        admin::cellText(c, (due ? "due since " : "purged on ") + r.due);
        ImGui::TableNextColumn();
        if (admin::button(c, "Erase##" + r.candidateId, 6.0f, false, "erase:" + r.name)) c.emit(AskErase{r.candidateId});
    }
    ImGui::EndTable();
}

void drawRetention(Ctx& c) {
    const auto& r = c.admin().retention;
    const float em = c.em();
    if (!r.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    if (r.mode == RetentionMode::ConfirmPurge) {
        admin::confirmBox(c,
                          "Purge now? " + count(r.dueNow.size(), "candidate", "candidates") + " and " +
                              count(static_cast<std::size_t>(r.emptySessionsDueNow), "session", "sessions") +
                              " older than the cutoff are deleted for good, from the backups too. This cannot be undone.",
                          "Yes, purge now", "purge-confirm", ConfirmPurge{});
        return;
    }
    if (r.mode == RetentionMode::ConfirmErase) {
        const RetentionRow* row = retentionRow(c.admin(), r.target);
        admin::confirmBox(c,
                          "Erase everything held about " + (row ? row->name + " (" + row->constituency + ")" : std::string("this candidate")) +
                              "? Their check-ins, progress, safety plan and print jobs are deleted for good, from the "
                              "backups too. This cannot be undone.",
                          "Yes, erase", "erase-confirm", ConfirmErase{});
        return;
    }
    admin::text(c, "Records are kept for " + std::to_string(r.retentionDays) + " days after a candidate's last visit. "
                   "Cutoff now: " + r.cutoff + ".");
    admin::heading(c, "Due now (" + std::to_string(r.dueNow.size()) + ")");
    if (r.dueNow.empty()) admin::muted(c, "Nothing is due for purging.");
    else retentionTable(c, r.dueNow, "##due", true);
    if (admin::button(c, "Purge now", 9.0f, true, "purge-now")) c.emit(AskPurge{});
    ImGui::Dummy({0, 0.4f * em});
    admin::heading(c, "Coming up (" + std::to_string(r.upcoming.size()) + ")");
    if (r.upcoming.empty()) admin::muted(c, "No other candidates are held.");
    else retentionTable(c, r.upcoming, "##upcoming", false);
}

// ---- Settings ----
void stepper(Ctx& c, const char* label, const char* key, SettingField field, int value, int step) {
    const float em = c.em();
    admin::rowLabel(c, label, 16.0f);
    const ImVec2 at = ImGui::GetCursorPos();
    if (admin::button(c, std::string("-##") + key, 3.0f, false, std::string("-") + key)) c.emit(StepSetting{field, -step});
    // The value centred between the buttons, so every row's "+" lines up whatever the number's width.
    char v[32];
    std::snprintf(v, sizeof v, "%d s", value);
    ImGui::PushFont(c.view.fonts.bold);
    const ImVec2 size = ImGui::CalcTextSize(v);
    ImGui::SetCursorPos({at.x + 3.0f * em + (5.0f * em - size.x) * 0.5f, at.y + (2.0f * em - size.y) * 0.5f});
    ImGui::TextUnformatted(v);
    ImGui::PopFont();
    admin::record(c, key);
    ImGui::SetCursorPos({at.x + 8.0f * em, at.y});
    if (admin::button(c, std::string("+##") + key, 3.0f, false, std::string("+") + key)) c.emit(StepSetting{field, step});
}

void toggle(Ctx& c, const char* label, const char* key, SettingField field, const char* offText, const char* onText,
            bool on) {
    admin::rowLabel(c, label, 16.0f);
    if (admin::button(c, std::string(offText) + "##off-" + key, 8.0f, false, std::string(key) + ":" + offText, !on) && on)
        c.emit(StepSetting{field, 0});
    ImGui::SameLine();
    if (admin::button(c, std::string(onText) + "##on-" + key, 8.0f, false, std::string(key) + ":" + onText, on) && !on)
        c.emit(StepSetting{field, 0});
}

void drawSettings(Ctx& c) {
    const auto& s = c.admin().settings;
    const float em = c.em();
    if (!s.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    for (const auto& p : s.problems) admin::bad(c, "Stored value ignored: " + p);
    const auto& v = s.edited;
    stepper(c, "Idle before \"still there?\"", "idle-timeout", SettingField::IdleTimeout, v.idleTimeoutSeconds, 15);
    stepper(c, "Countdown before reset", "idle-countdown", SettingField::IdleCountdown, v.idleCountdownSeconds, 5);
    toggle(c, "First language", "first-language", SettingField::FirstLanguage, "English", "Cymraeg", v.firstLanguage == "cy");
    toggle(c, "Skipping modules", "skipping", SettingField::AllowSkipping, "Not allowed", "Allowed", v.allowSkippingModules);
    toggle(c, "Paper size", "paper", SettingField::Paper, "A4", "Letter", v.letterPaper);
    toggle(c, "Large print by default", "large-print", SettingField::LargePrint, "No", "Yes", v.largePrintDefault);
    ImGui::Dummy({0, 0.5f * em});
    ImGui::BeginDisabled(!s.dirty());
    if (admin::button(c, "Save settings", 10.0f, true, "settings-save")) c.emit(SaveSettingsPressed{});
    ImGui::SameLine();
    if (admin::button(c, "Undo changes", 9.0f, false, "settings-revert")) c.emit(RevertSettings{});
    ImGui::EndDisabled();
    admin::muted(c, "Changes apply to the next candidate and are recorded in the audit log under your name.");
}

// ---- Status ----
void drawStatus(Ctx& c) {
    const auto& st = c.admin().status;
    if (!st.loaded) {
        admin::muted(c, "Loading...");
        return;
    }
    const auto& f = st.facts;
    admin::fact(c, "Content version", f.contentVersion, false, "status:version");
    admin::fact(c, "Law as at", f.lawAsAt, false, "status:law-as-at");
    admin::fact(c, "Review by", f.reviewBy + (f.reviewOverdue ? "  -  PAST: the course needs reviewing before further use" : ""),
                f.reviewOverdue, f.reviewOverdue ? "status:review-overdue" : "status:review-by");
    admin::fact(c, "Database", f.storeHealth, !f.storeHealthy, "status:database");
    admin::fact(c, "Last backup", f.lastBackup, f.backupMissing, "status:backup");
    admin::fact(c, "Disk space", f.freeSpace + (f.lowDisk ? "  -  LOW" : ""), f.lowDisk, "status:disk");
    admin::fact(c, "Printer", f.printer + ": " + f.printerState, f.printerProblem, "status:printer");
    if (admin::button(c, "Refresh", 7.0f, false, "refresh")) c.emit(AdminRefresh{});
}

// ---- Exit ----
void drawExit(Ctx& c) {
    if (c.admin().quitting) {
        admin::text(c, "Closing the kiosk...");
        return;
    }
    admin::confirmBox(c,
                      "Quit the kiosk? The screen goes back to the desktop or the system restarts the kiosk. "
                      "Nothing is lost: every check-in is already saved.",
                      "Yes, quit the kiosk", "exit-confirm", ConfirmQuit{}, "No, keep it running");
}

}  // namespace

std::optional<flow::OfficerEvent> drawAdminPage(const flow::OfficerState& state, const View& view) {
    Ctx c{view, state, std::nullopt};
    const float em = view.em();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("##admin-body", {0.0f, std::max(4.0f * em, ImGui::GetContentRegionAvail().y - 0.5f * em)}, false,
                      ImGuiWindowFlags_NoSavedSettings);
    switch (state.page) {
        case OfficerPage::Printing: drawPrinting(c); break;
        case OfficerPage::PrintQueue: drawQueue(c); break;
        case OfficerPage::Printer: drawPrinter(c); break;
        case OfficerPage::Export: drawExport(c); break;
        case OfficerPage::Retention: drawRetention(c); break;
        case OfficerPage::Settings: drawSettings(c); break;
        case OfficerPage::Status: drawStatus(c); break;
        case OfficerPage::ConfirmExit: drawExit(c); break;
        default: break;
    }
    // Drag to scroll from anywhere on the page (a finger on a touch screen drags the list).
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.3f * em))
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    return std::move(c.event);
}

}  // namespace kiosk::ui
