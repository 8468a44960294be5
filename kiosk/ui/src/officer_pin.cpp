// Officer mode's PIN pad: pick an officer by name, enter the PIN on large digit keys (or the keyboard),
// see a lockout's remaining time; and the first-run message when no officer accounts exist.
// Layer: kiosk/ui.
#include "chrome.hpp"
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::ui::detail {
namespace {

std::string minutesSeconds(int seconds) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d", seconds / 60, seconds % 60);
    return buf;
}

// Digits and Backspace/Enter from a physical keyboard.
void physicalKeys(OfficerCtx& c) {
    const ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar ch = io.InputQueueCharacters[i];
        if (ch >= '0' && ch <= '9') c.emit(flow::PinDigit{static_cast<char>(ch)});
    }
    if (keyPressed(ImGuiKey_Backspace)) c.emit(flow::PinDelete{});
    if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)) c.emit(flow::PinSubmit{});
}

void keypad(OfficerCtx& c, bool enabled) {
    const View& view = c.view;
    const float em = c.em();
    const float key = 5.0f, gap = 0.4f * em;
    const char* const rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"del", "0", "ok"}};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {gap, gap});
    ImGui::BeginDisabled(!enabled);
    for (const auto& row : rows) {
        for (int k = 0; k < 3; ++k) {
            if (k > 0) ImGui::SameLine(0.0f, gap);
            const std::string d = row[k];
            if (d == "del") {
                if (touchButton(view, "Delete##pin", key, ButtonStyle::Secondary, false, "pin:delete")) c.emit(flow::PinDelete{});
            } else if (d == "ok") {
                if (touchButton(view, "Unlock##pin", key, ButtonStyle::Primary, false, "pin:unlock")) c.emit(flow::PinSubmit{});
            } else if (touchButton(view, d + "##pin", key, ButtonStyle::Secondary, false, "pin:" + d)) {
                c.emit(flow::PinDigit{d[0]});
            }
        }
    }
    ImGui::EndDisabled();
    ImGui::PopStyleVar();
}

}  // namespace

void drawPinPad(OfficerCtx& c) {
    const View& view = c.view;
    const auto& pin = c.state.pin;
    const float em = c.em();
    ImGui::Dummy({0, 0.5f * em});
    if (!pin.loaded) {
        mutedLine(c, "Reading the officer accounts...");
        return;
    }
    if (pin.officers.empty()) {
        ImGui::Dummy({0, 2.0f * em});
        centredText(view.fonts.title, "No officer accounts are set up", 40.0f * em, view.theme.text);
        ImGui::Dummy({0, em});
        centredText(view.fonts.body,
                    "Officer mode has no default PIN. The force's IT sets each officer's PIN from a shell on "
                    "this kiosk with `briefing set-pin`.",
                    40.0f * em, view.theme.text);
        if (!pin.message.empty()) centredText(view.fonts.body, pin.message, 40.0f * em, view.theme.bad);
        recordItem(view, "pin-no-officers");
        return;
    }
    const float total = ImGui::GetContentRegionAvail().x;
    const float left = std::min(total * 0.42f, 26.0f * em);
    ImGui::BeginChild("##officers", {left, 0.0f}, false, ImGuiWindowFlags_NoSavedSettings);
    wrappedText(view.fonts.heading, "Who are you?", view.theme.text, left);
    ImGui::Dummy({0, 0.3f * em});
    for (const auto& o : pin.officers) {
        const std::string label = o.name + (o.role == flow::OfficerRole::PrintOperator ? "  (print operator)" : "");
        if (touchButton(view, label + "##officer-" + o.name, left / em - 1.0f, ButtonStyle::Secondary,
                        o.name == pin.selected, "officer:" + o.name))
            c.emit(flow::PickOfficer{o.name});
    }
    ImGui::EndChild();
    ImGui::SameLine(0.0f, 2.0f * em);
    ImGui::BeginGroup();
    if (pin.selected.empty()) {
        wrappedText(view.fonts.heading, "Choose your name to enter your PIN.", view.theme.text, 30.0f * em);
        ImGui::EndGroup();
        return;
    }
    wrappedText(view.fonts.heading, "PIN for " + pin.selected, view.theme.text, 30.0f * em);
    // Dots, never digits, in a fixed-height row so the pad does not jump.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float r = 0.45f * em;
    for (std::size_t i = 0; i < pin.digits.size(); ++i)
        ImGui::GetWindowDrawList()->AddCircleFilled({at.x + r + static_cast<float>(i) * 3.0f * r, at.y + 1.0f * em}, r,
                                                    ImGui::GetColorU32(view.theme.text));
    ImGui::Dummy({std::max(1.0f, static_cast<float>(pin.digits.size()) * 3.0f * r), 2.0f * em});
    recordItem(view, "pin-dots");
    const int locked = flow::lockoutSeconds(c.state);
    if (locked > 0) {
        wrappedText(view.fonts.bold, "! Too many wrong PINs. Try again in " + minutesSeconds(locked) +
                                         ", or ask another officer to unlock you.",
                    view.theme.bad, 30.0f * em);
        recordItem(view, "pin-locked");
    } else if (!pin.message.empty()) {
        std::string text = "! " + pin.message;
        if (pin.attemptsLeft >= 0)
            text += pin.attemptsLeft == 0 ? " The next wrong PIN locks this account for a while."
                                          : " " + std::to_string(pin.attemptsLeft) + " tries left before a lockout.";
        wrappedText(view.fonts.bold, text, view.theme.bad, 30.0f * em);
        recordItem(view, "pin-message");
    }
    ImGui::Dummy({0, 0.4f * em});
    keypad(c, locked == 0 && !pin.checking);
    ImGui::EndGroup();
    if (locked == 0 && !pin.checking) physicalKeys(c);
}

}  // namespace kiosk::ui::detail
