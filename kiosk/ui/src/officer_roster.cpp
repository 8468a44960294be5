// Officer mode's live roster: who checked in when, modules done, knowledge-check results, pack printed;
// search by name; add a candidate by hand; correct a name (or enter a Latin spelling for the pack);
// remove a duplicate with confirmation. Layer: kiosk/ui.
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {
namespace {

std::string packText(const flow::RosterRow& r) {
    if (r.packStatus == "done") return "Printed";
    if (r.packStatus == "sent" || r.packStatus == "submitting") return "Sent to printer";
    if (r.packStatus == "queued") return "In the queue";
    if (r.packStatus == "waiting") return "! Waiting for the printer";
    if (r.packStatus == "failed") return "! Needs an officer";
    if (r.packStatus == "cancelled") return "Cancelled";
    return "Not printed";
}

std::string checksText(const flow::RosterRow& r) {
    if (r.checksAnswered == 0) return "none answered";
    return std::to_string(r.checksRight) + " of " + std::to_string(r.checksAnswered) + " right";
}

void editForm(OfficerCtx& c) {
    const View& view = c.view;
    const auto& st = c.state;
    const float em = c.em();
    const float w = std::min(ImGui::GetContentRegionAvail().x, 40.0f * em);
    if (st.roster.mode == flow::RosterMode::Add) {
        wrappedText(view.fonts.heading, "Add a candidate by hand", view.theme.text, w);
        mutedLine(c, "For someone who signed the paper list instead of the kiosk. Recorded in the audit log as yours.");
        // Two columns, so each label starts a line of its own (SameLine would shift the second label).
        if (ImGui::BeginTable("##add-fields", 2, ImGuiTableFlags_None, {w, 0.0f})) {
            ImGui::TableNextColumn();
            entryBox(c, flow::kEntryAddName, "Name", w / em * 0.5f - 0.8f);
            ImGui::TableNextColumn();
            entryBox(c, flow::kEntryAddConstituency, "Constituency", w / em * 0.5f - 0.8f);
            ImGui::EndTable();
        }
        ImGui::Dummy({0, 0.3f * em});
        if (touchButton(view, "Add to the roster##add-save", 14.0f, ButtonStyle::Primary, false, "roster-add-save"))
            c.emit(flow::RosterSubmitAdd{});
    } else {
        const auto* row = flow::rosterRow(st, st.roster.target);
        wrappedText(view.fonts.heading, "Correct the name of " + (row ? row->name : std::string("?")), view.theme.text, w);
        mutedLine(c, "Fix a misspelling, or type the Latin spelling of a name the printed pack cannot show.");
        entryBox(c, flow::kEntryCorrectName, "Name", w / em - 7.0f);
        ImGui::SameLine(0.0f, 0.5f * em);
        ImGui::BeginGroup();
        ImGui::PushFont(view.fonts.bold);  // level with the box under its label
        ImGui::Dummy({0, ImGui::GetTextLineHeight()});
        ImGui::PopFont();
        if (touchButton(view, "Clear##entry-clear", 5.5f, ButtonStyle::Secondary, false, "entry-clear"))
            c.emit(flow::EntryEdit{flow::kEntryCorrectName, ""});
        ImGui::EndGroup();
        ImGui::Dummy({0, 0.3f * em});
        if (touchButton(view, "Save the name##correct-save", 14.0f, ButtonStyle::Primary, false, "roster-correct-save"))
            c.emit(flow::RosterSubmitCorrect{});
    }
    ImGui::SameLine(0.0f, 0.6f * em);
    if (touchButton(view, "Cancel##roster-cancel", 8.0f, ButtonStyle::Secondary, false, "roster-cancel"))
        c.emit(flow::CancelConfirm{});
    ImGui::Dummy({0, 0.5f * em});
    entryKeyboard(c, ImGui::GetContentRegionAvail().x);
}

}  // namespace

void drawRoster(OfficerCtx& c) {
    const View& view = c.view;
    const auto& st = c.state;
    const auto& r = st.roster;
    const float em = c.em();
    if (r.mode == flow::RosterMode::Add || r.mode == flow::RosterMode::Correct) {
        editForm(c);
        return;
    }
    wrappedText(view.fonts.bold, r.sessionLabel.empty() ? std::string("Reading the roster...") : r.sessionLabel,
                view.theme.text, ImGui::GetContentRegionAvail().x);
    recordItem(view, "roster-session");
    const auto rows = flow::visibleRosterRows(st);
    // Search box and the add button in one row.
    entryBox(c, flow::kEntrySearch, "Search by name", 18.0f);
    ImGui::SameLine(0.0f, 0.6f * em);
    ImGui::BeginGroup();
    ImGui::PushFont(view.fonts.bold);  // level with the box under the search label
    ImGui::Dummy({0, ImGui::GetTextLineHeight()});
    ImGui::PopFont();
    if (!flow::entryText(st, flow::kEntrySearch).empty()) {
        if (touchButton(view, "Clear##search-clear", 5.0f, ButtonStyle::Secondary, false, "search-clear"))
            c.emit(flow::EntryEdit{flow::kEntrySearch, ""});
        ImGui::SameLine(0.0f, 0.6f * em);
    }
    if (!r.sessionId.empty() &&
        touchButton(view, "Add a candidate by hand##add", 13.0f, ButtonStyle::Primary, false, "roster-add"))
        c.emit(flow::RosterStartAdd{});
    ImGui::SameLine(0.0f, 0.8f * em);
    const std::string count = std::to_string(rows.size()) + " of " + std::to_string(r.rows.size()) + " shown";
    ImGui::TextUnformatted(count.c_str());
    // Scrolling the table by touch (40 candidates do not fit on one screen).
    int scroll = 0;
    ImGui::SameLine(0.0f, 0.8f * em);
    if (touchButton(view, "Scroll up##roster-up", 6.5f, ButtonStyle::Secondary, false, "roster-up")) scroll = -1;
    ImGui::SameLine(0.0f, 0.3f * em);
    if (touchButton(view, "Scroll down##roster-down", 6.5f, ButtonStyle::Secondary, false, "roster-down")) scroll = 1;
    ImGui::EndGroup();
    if (r.mode == flow::RosterMode::ConfirmRemove) {
        if (const auto* row = flow::rosterRow(st, r.target)) {
            if (confirmPanel(c,
                             "Remove " + row->name + " (" + row->constituency + ", checked in " + row->checkedInAt +
                                 ") from this session as a duplicate? If they have no other check-in, everything "
                                 "held about them is erased.",
                             "Remove duplicate", "confirm-remove"))
                c.emit(flow::RosterConfirmRemove{});
        }
    }
    const bool typing = st.entry.focus == flow::kEntrySearch;
    const float keyboardH = typing ? entryKeyboardHeight(c) + 0.6f * em : 0.0f;
    ImGui::Dummy({0, 0.2f * em});
    const float tableH = std::max(5.0f * em, ImGui::GetContentRegionAvail().y - keyboardH);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, view.theme.background);
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, view.theme.panel);
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, view.theme.secondary);
    ImGui::PushStyleColor(ImGuiCol_Text, view.theme.text);
    if (ImGui::BeginTable("##roster", 6, flags, {0.0f, tableH})) {
        if (scroll != 0) ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(scroll) * tableH * 0.7f);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("In", ImGuiTableColumnFlags_WidthFixed, 3.2f * em);
        ImGui::TableSetupColumn("Modules", ImGuiTableColumnFlags_WidthFixed, 4.6f * em);
        ImGui::TableSetupColumn("Knowledge checks", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Pack", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, 12.6f * em);
        ImGui::PushFont(view.fonts.bold);
        ImGui::TableHeadersRow();
        ImGui::PopFont();
        for (const auto& row : rows) {
            ImGui::PushID(row.candidateId.c_str());
            ImGui::TableNextRow(0, 2.3f * em);
            ImGui::TableNextColumn();
            ImGui::PushFont(view.fonts.bold);
            ImGui::TextUnformatted(row.name.c_str());
            ImGui::PopFont();
            recordItem(view, "row:" + row.name);
            ImGui::PushStyleColor(ImGuiCol_Text, view.theme.mutedText);
            ImGui::TextUnformatted((row.constituency + (row.manual ? " (added by hand)" : "")).c_str());
            ImGui::PopStyleColor();
            if (!row.namePrintable) {
                ImGui::PushStyleColor(ImGuiCol_Text, view.theme.bad);
                ImGui::TextWrapped("! The pack cannot print this name: correct it");
                ImGui::PopStyleColor();
                recordItem(view, "unprintable:" + row.name);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.checkedInAt.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((std::to_string(row.modulesDone) + "/" + std::to_string(row.modulesTotal)).c_str());
            recordItem(view, "modules:" + row.name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(checksText(row).c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, row.packStatus == "failed" || row.packStatus == "waiting" ? view.theme.bad : view.theme.text);
            ImGui::TextUnformatted(packText(row).c_str());
            ImGui::PopStyleColor();
            recordItem(view, "pack:" + row.name);
            ImGui::TableNextColumn();
            if (touchButton(view, "Correct##correct", 6.0f, ButtonStyle::Secondary, false, "correct:" + row.name))
                c.emit(flow::RosterStartCorrect{row.candidateId});
            ImGui::SameLine(0.0f, 0.3f * em);
            if (touchButton(view, "Remove##remove", 6.0f, ButtonStyle::Secondary, false, "remove:" + row.name))
                c.emit(flow::RosterAskRemove{row.candidateId});
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleColor(4);
    if (r.loaded && r.rows.empty()) mutedLine(c, "Nobody has checked in to this session yet.");
    if (typing) entryKeyboard(c, ImGui::GetContentRegionAvail().x);
}

}  // namespace kiosk::ui::detail
