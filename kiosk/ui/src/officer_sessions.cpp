// Officer mode's sessions page: open a session (date, venue, officer name typed on the on-screen
// keyboard), today's sessions with their check-in counts, close one with confirmation. Layer: kiosk/ui.
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {

void drawSessions(OfficerCtx& c) {
    const View& view = c.view;
    const auto& st = c.state;
    const float em = c.em();
    const float total = ImGui::GetContentRegionAvail().x;
    const bool typing = !st.entry.focus.empty();
    const float keyboardH = typing ? entryKeyboardHeight(c) + 0.6f * em : 0.0f;
    const float height = std::max(6.0f * em, ImGui::GetContentRegionAvail().y - keyboardH);

    // Left: open a session.
    const float formW = std::min(24.0f * em, total * 0.4f);
    ImGui::BeginChild("##session-form", {formW, height}, false, ImGuiWindowFlags_NoSavedSettings);
    wrappedText(view.fonts.heading, "Open a session", view.theme.text, formW);
    entryBox(c, flow::kEntrySessionDate, "Date (YYYY-MM-DD)", formW / em - 1.0f);
    entryBox(c, flow::kEntrySessionVenue, "Venue", formW / em - 1.0f);
    entryBox(c, flow::kEntrySessionOfficer, "Officer running it", formW / em - 1.0f);
    ImGui::Dummy({0, 0.4f * em});
    if (touchButton(view, "Open session##open", formW / em - 1.0f, ButtonStyle::Primary, false, "session-open"))
        c.emit(flow::SubmitSession{});
    mutedLine(c, "Candidates checking in join the open session; with none open they join today's walk-in session.");
    ImGui::EndChild();

    ImGui::SameLine(0.0f, 1.5f * em);
    ImGui::BeginChild("##session-list", {0.0f, height}, false, ImGuiWindowFlags_NoSavedSettings);
    const float listW = ImGui::GetContentRegionAvail().x;
    wrappedText(view.fonts.heading, "Today's sessions" + (st.sessions.today.empty() ? "" : " (" + st.sessions.today + ")"),
                view.theme.text, listW);
    if (!st.sessions.loaded) {
        mutedLine(c, "Reading the sessions...");
    } else if (st.sessions.sessions.empty()) {
        mutedLine(c, "No sessions yet today.");
        recordItem(view, "sessions-none");
    }
    for (const auto& s : st.sessions.sessions) {
        ImGui::PushID(s.id.c_str());
        ImGui::Separator();
        const bool confirming = st.sessions.confirmClose == s.id;
        ImGui::BeginGroup();
        wrappedText(view.fonts.bold, s.venue.empty() ? "(no venue)" : s.venue, view.theme.text, listW - 10.0f * em);
        recordItem(view, "session:" + s.venue);
        std::string facts = s.date + (s.officer.empty() ? "" : ", " + s.officer) + ", " + std::to_string(s.attendees) +
                            (s.attendees == 1 ? " check-in" : " check-ins") + ", " + (s.open ? "open" : "closed");
        mutedLine(c, facts);
        ImGui::EndGroup();
        if (s.open && !confirming) {
            ImGui::SameLine(listW - 8.0f * em);
            if (touchButton(view, "Close##close", 7.5f, ButtonStyle::Secondary, false, "close:" + s.venue))
                c.emit(flow::AskCloseSession{s.id});
        }
        if (confirming &&
            confirmPanel(c, "Close the session at " + s.venue + "? Candidates who check in afterwards join the walk-in session.",
                         "Close session", "confirm-close"))
            c.emit(flow::ConfirmCloseSession{});
        ImGui::PopID();
    }
    ImGui::EndChild();
    if (typing) {
        ImGui::Dummy({0, 0.2f * em});
        entryKeyboard(c, total);
    }
}

}  // namespace kiosk::ui::detail
