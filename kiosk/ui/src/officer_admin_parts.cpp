// Building blocks of the officer's admin pages. Layer: kiosk/ui.
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::admin {
namespace {

void coloured(ImFont* font, const std::string& s, const ImVec4& colour) {
    wrappedText(font, s, colour, ImGui::GetContentRegionAvail().x);
}

}  // namespace

void text(Ctx& c, const std::string& s) { coloured(c.view.fonts.body, s, c.view.theme.text); }
void muted(Ctx& c, const std::string& s) { coloured(c.view.fonts.body, s, c.view.theme.mutedText); }
void good(Ctx& c, const std::string& s) { coloured(c.view.fonts.bold, s, c.view.theme.good); }
void bad(Ctx& c, const std::string& s) { coloured(c.view.fonts.bold, s, c.view.theme.bad); }

void heading(Ctx& c, const std::string& s) {
    ImGui::Dummy({0, 0.2f * c.em()});
    coloured(c.view.fonts.bold, s, c.view.theme.text);
}

void record(Ctx& c, const std::string& probe) { recordItem(c.view, probe); }

void cellText(Ctx& c, const std::string& s) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 0.45f * c.em());
    coloured(c.view.fonts.body, s, c.view.theme.text);
}

void rowLabel(Ctx& c, const std::string& s, float widthEm) {
    const float em = c.em();
    const float x = ImGui::GetCursorPosX();
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + 0.45f * em);
    ImGui::PushFont(c.view.fonts.body);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPos({x + widthEm * em, y});
}

void fact(Ctx& c, const std::string& label, const std::string& value, bool problem, const std::string& probe) {
    const float em = c.em();
    const float x = ImGui::GetCursorPosX();
    ImGui::PushFont(c.view.fonts.bold);
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopFont();
    ImGui::SameLine(x + 10.0f * em);
    wrappedText(problem ? c.view.fonts.bold : c.view.fonts.body, value, problem ? c.view.theme.bad : c.view.theme.text,
                ImGui::GetContentRegionAvail().x);
    record(c, probe);
    ImGui::Dummy({0, 0.2f * em});
}

bool button(Ctx& c, const std::string& label, float widthEm, bool primary, const std::string& probe, bool selected) {
    // Never wider than the space left, so long labels on a small screen stay on it.
    const float avail = ImGui::GetContentRegionAvail().x / c.em();
    return touchButton(c.view, label, std::max(3.0f, std::min(widthEm, avail)),
                       primary ? ButtonStyle::Primary : ButtonStyle::Secondary, selected, probe);
}

namespace {

// Draws `body` on a panel (fill and border) as wide as `width` px: the panel goes behind the content once
// its height is known (two draw-list channels).
template <class F>
void panel(Ctx& c, float width, const ImVec4& border, F&& body) {
    const float em = c.em();
    const float pad = 0.8f * em;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos({start.x + pad, start.y + pad});
    ImGui::BeginGroup();
    body(width - 2.0f * pad);
    ImGui::EndGroup();
    const ImVec2 end{start.x + width, ImGui::GetItemRectMax().y + pad};
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, end, ImGui::GetColorU32(c.view.theme.panel), 0.3f * em);
    dl->AddRect(start, end, ImGui::GetColorU32(border), 0.3f * em, 0, 0.12f * em);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy({width, end.y - start.y});
}

}  // namespace

void confirmBox(Ctx& c, const std::string& question, const std::string& yesLabel, const std::string& yesProbe,
                flow::AdminEvent yes, const std::string& noLabel) {
    const float em = c.em();
    ImGui::Dummy({0, 0.3f * em});
    panel(c, std::min(ImGui::GetContentRegionAvail().x, 40.0f * em), c.view.theme.focus, [&](float inner) {
        wrappedText(c.view.fonts.bold, question, c.view.theme.text, inner);
        record(c, "question");
        ImGui::Dummy({0, 0.5f * em});
        if (button(c, yesLabel, 12.0f, true, yesProbe)) c.emit(std::move(yes));
        ImGui::SameLine(0, 1.0f * em);
        if (button(c, noLabel, 11.0f, false, "keep")) c.emit(flow::AdminCancel{});
    });
}

void warningBox(Ctx& c, const std::string& message) {
    const float em = c.em();
    panel(c, std::min(ImGui::GetContentRegionAvail().x, 40.0f * em), c.view.theme.bad, [&](float inner) {
        wrappedText(c.view.fonts.bold, "Personal data", c.view.theme.bad, inner);
        wrappedText(c.view.fonts.body, message, c.view.theme.text, inner);
    });
    record(c, "warning");
    ImGui::Dummy({0, 0.4f * em});
}

void progressBar(Ctx& c, float fraction, const std::string& label, const std::string& probe) {
    const float em = c.em();
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, c.view.theme.accent);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, c.view.theme.panel);
    ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.text);
    ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), {std::min(ImGui::GetContentRegionAvail().x, 40.0f * em), 1.4f * em}, "");
    ImGui::PopStyleColor(3);
    record(c, probe);
    text(c, label);
}

void jobTable(Ctx& c, const std::vector<flow::PrintJobRow>& rows, const char* id, bool cancel) {
    const float em = c.em();
    if (rows.empty() || !ImGui::BeginTable(id, 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, 10.5f * em);
    ImGui::TableSetupColumn("actions", ImGuiTableColumnFlags_WidthFixed, (cancel ? 13.0f : 6.5f) * em);
    for (const auto& j : rows) {
        const std::string who = j.candidateName.empty() ? "(candidate erased)" : j.candidateName;
        ImGui::TableNextRow(ImGuiTableRowFlags_None, 2.2f * em);
        ImGui::TableNextColumn();
        cellText(c, who);
        ImGui::TableNextColumn();
        const bool failed = j.state == "failed";
        // The news says what happened and what happens next (waiting in CUPS, retried at 14:32...).
        const bool problem = failed || j.state == "waiting" || ((j.state == "sent") && !j.lastError.empty());
        const std::string shown = failed ? "needs an officer" : j.state == "waiting" ? "waiting for the printer"
                                : j.state == "submitting" ? "sending" : j.state == "done" ? "printed" : j.state;
        std::string state = shown + (j.attempts > 1 ? " (" + std::to_string(j.attempts) + " tries)" : "");
        if (problem && !j.lastError.empty()) state += ": " + j.lastError;
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 0.45f * em);
        wrappedText(problem ? c.view.fonts.bold : c.view.fonts.body, state, problem ? c.view.theme.bad : c.view.theme.text,
                    ImGui::GetContentRegionAvail().x);
        record(c, "job:" + who + ":" + j.state);
        ImGui::TableNextColumn();
        cellText(c, j.updatedAt);
        ImGui::TableNextColumn();
        // A job CUPS has may be printing right now: it is never offered again (cancel it first); a waiting one
        // can be sent at once instead of at its next automatic attempt.
        if (j.state == "failed" || j.state == "cancelled" || j.state == "waiting") {
            if (button(c, "Retry##" + j.jobId, 6.0f, false, "retry:" + who)) c.emit(flow::RetryJob{j.jobId});
            if (cancel) ImGui::SameLine();
        } else if (cancel) {
            ImGui::Dummy({6.0f * em, 2.0f * em});  // keeps Cancel in its own column
            ImGui::SameLine();
        }
        if (cancel && (j.state == "queued" || j.state == "submitting" || j.state == "sent" || j.state == "waiting" ||
                       j.state == "failed")) {
            if (button(c, "Cancel##" + j.jobId, 6.0f, false, "cancel:" + who)) c.emit(flow::AskCancelJob{j.jobId});
        }
    }
    ImGui::EndTable();
}

}  // namespace kiosk::ui::admin
