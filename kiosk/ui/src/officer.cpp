// Officer mode's frame: the top bar, notice, on-screen keyboard and confirmations every page uses, the
// dispatch to each page, and the hidden entry gesture. Layer: kiosk/ui.
#include "kiosk/ui/officer.hpp"

#include "chrome.hpp"
#include "kiosk/ui/officer_admin.hpp"
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui {
namespace detail {

void officerTopBar(OfficerCtx& c) {
    const View& view = c.view;
    const float em = c.em();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    const float height = 3.0f * em;
    accentBand(view, height, std::string("Officer mode: ") + flow::pageTitle(c.state.page), view.fonts.heading->FontSize,
               1.0f * em);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float gap = 0.4f * em;
    if (c.state.officer) {
        const bool home = c.state.page != flow::OfficerPage::Home;
        const float buttons = (home ? 5.0f : 0.0f) + 4.5f + 8.0f;
        const float right = width - ImGui::GetStyle().WindowPadding.x;
        float x = right - buttons * em - (home ? 2.0f : 1.0f) * gap;
        const std::string who = c.state.officer->name + (c.state.officer->role == flow::OfficerRole::PrintOperator
                                                             ? " (print operator)" : " (officer)");
        const float whoWidth = ImGui::CalcTextSize(who.c_str()).x;
        dl->AddText({origin.x + x - whoWidth - em, origin.y + (height - ImGui::GetFontSize()) * 0.5f},
                    ImGui::GetColorU32(view.theme.onAccent), who.c_str());
        ImGui::SetCursorPos({x, 0.5f * em});
        if (home) {
            if (touchButton(view, "Home##officer", 5.0f, ButtonStyle::Secondary, false, "officer-home"))
                c.emit(flow::ShowPage{flow::OfficerPage::Home});
            ImGui::SameLine(0.0f, gap);
        }
        if (touchButton(view, "Lock##officer", 4.5f, ButtonStyle::Secondary, false, "officer-lock")) c.emit(flow::LockOfficer{});
        ImGui::SameLine(0.0f, gap);
    } else {
        ImGui::SetCursorPos({width - ImGui::GetStyle().WindowPadding.x - 8.0f * em, 0.5f * em});
    }
    if (touchButton(view, "Back to kiosk##officer", 8.0f, ButtonStyle::Secondary, false, "officer-leave"))
        c.emit(flow::LeaveOfficer{});
    ImGui::SetCursorPos({ImGui::GetStyle().WindowPadding.x, height + 0.5f * em});
}

void officerNotice(OfficerCtx& c) {
    if (c.state.notice.empty()) return;
    const bool bad = c.state.noticeBad;
    wrappedText(c.view.fonts.bold, (bad ? "! " : "") + c.state.notice, bad ? c.view.theme.bad : c.view.theme.good,
                ImGui::GetContentRegionAvail().x);
    recordItem(c.view, "officer-notice");
}

void beginOfficerBody(OfficerCtx& c, const char* id, float reserveBottomEm) {
    const float h = std::max(4.0f * c.em(), ImGui::GetContentRegionAvail().y - reserveBottomEm * c.em());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild(id, {0.0f, h}, false, ImGuiWindowFlags_NoSavedSettings);
}

void endOfficerBody() {
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void entryBox(OfficerCtx& c, const std::string& key, const std::string& label, float widthEm) {
    const bool focused = c.state.entry.focus == key;
    ImGui::BeginGroup();
    // The label is drawn, not laid out as text: beside another box, ImGui would align its baseline with
    // the neighbour's framed text and push it down.
    ImGui::PushFont(c.view.fonts.bold);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(c.view.theme.text), label.c_str());
    ImGui::Dummy(ImGui::CalcTextSize(label.c_str()));
    ImGui::PopFont();
    const auto r = textField(c.view, "##entry-" + key, flow::entryText(c.state, key), widthEm, focused, "entry:" + key);
    if (r.changed) c.emit(flow::EntryEdit{key, *r.changed});
    else if (r.activated && !focused) c.emit(flow::EntryFocus{key});
    ImGui::EndGroup();
}

float entryKeyboardHeight(const OfficerCtx& c) { return keyboardHeightEm() * c.em(); }

void entryKeyboard(OfficerCtx& c, float width) {
    if (c.state.entry.focus.empty()) return;
    const auto key = drawKeys(c.view, c.view.english, c.state.entry.shift, c.state.entry.accents, width);
    // Beside the last row's delete key: put the keyboard away to see the whole page.
    ImGui::SameLine(0.0f, 0.8f * c.em());
    if (touchButton(c.view, "Hide keyboard##hide-keyboard", 7.5f, ButtonStyle::Secondary, false, "keyboard-hide"))
        c.emit(flow::EntryFocus{""});
    if (!key) return;
    switch (key->kind) {
        case KeyPress::Text: c.emit(flow::EntryKey{key->text}); break;
        case KeyPress::Shift: c.emit(flow::EntryShift{}); break;
        case KeyPress::Accents: c.emit(flow::EntryAccents{}); break;
        case KeyPress::Backspace: c.emit(flow::EntryBackspace{}); break;
    }
}

bool confirmPanel(OfficerCtx& c, const std::string& question, const std::string& yes, const std::string& probeYes) {
    const float em = c.em();
    const float w = std::min(ImGui::GetContentRegionAvail().x, 44.0f * em);
    // Content first on the top channel, then the panel behind it once its height is known.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::Dummy({w, 0.5f * em});
    ImGui::Indent(1.0f * em);
    wrappedText(c.view.fonts.bold, question, c.view.theme.text, w - 2.0f * em);
    ImGui::Dummy({0, 0.2f * em});
    const bool pressed = touchButton(c.view, yes + "##confirm-yes", 14.0f, ButtonStyle::Primary, false, probeYes);
    ImGui::SameLine(0.0f, 0.6f * em);
    if (touchButton(c.view, "No, keep it##confirm-no", 10.0f, ButtonStyle::Secondary, false, "confirm-no"))
        c.emit(flow::CancelConfirm{});
    ImGui::Unindent(1.0f * em);
    ImGui::Dummy({w, 0.3f * em});
    const ImVec2 end{start.x + w, ImGui::GetCursorScreenPos().y};
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, end, ImGui::GetColorU32(c.view.theme.panel), 0.3f * em);
    dl->AddRect(start, end, ImGui::GetColorU32(c.view.theme.bad), 0.3f * em, 0, 0.1f * em);
    dl->ChannelsMerge();
    recordItem(c.view, "confirm-panel");
    return pressed;
}

void mutedLine(OfficerCtx& c, const std::string& text) {
    wrappedText(c.view.fonts.body, text, c.view.theme.mutedText, ImGui::GetContentRegionAvail().x);
}

}  // namespace detail

std::optional<flow::OfficerEvent> drawOfficer(const flow::OfficerState& state, const View& view) {
    using namespace detail;
    applyTheme(view.theme, view.em());
    beginFullScreen("##officer", view);
    OfficerCtx c{view, state, std::nullopt};
    officerTopBar(c);
    officerNotice(c);
    if (!state.officer) {
        drawPinPad(c);
        if (keyPressed(ImGuiKey_Escape)) c.emit(flow::LeaveOfficer{});  // the keyboard's way back to the kiosk
    } else {
        switch (state.page) {
            case flow::OfficerPage::PinPad: drawPinPad(c); break;
            case flow::OfficerPage::Home: drawHome(c); break;
            case flow::OfficerPage::Sessions: drawSessions(c); break;
            case flow::OfficerPage::Roster: drawRoster(c); break;
            case flow::OfficerPage::Presenter: drawPresenter(c); break;
            default:
                if (auto e = drawAdminPage(state, view)) c.emit(std::move(*e));
                break;
        }
        if (keyPressed(ImGuiKey_Escape) && state.page != flow::OfficerPage::Home && !ImGui::GetIO().WantTextInput)
            c.emit(flow::ShowPage{flow::OfficerPage::Home});
    }
    endFullScreen();
    return c.event;
}

namespace {

bool inCorner(const ImVec2& p, float em) { return p.x >= 0 && p.y >= 0 && p.x < 3.0f * em && p.y < 3.0f * em; }

}  // namespace

bool officerCornerHeld(const View& view) {
    const ImGuiIO& io = ImGui::GetIO();
    return io.MouseDown[0] && inCorner(io.MouseClickedPos[0], view.em()) && inCorner(io.MousePos, view.em());
}

bool officerEntryGesture(const View& view, int chordKey) {
    const ImGuiIO& io = ImGui::GetIO();
    if (officerCornerHeld(view) && io.MouseDownDuration[0] >= kCornerHoldSeconds &&
        io.MouseDownDurationPrev[0] < kCornerHoldSeconds)
        return true;
    return io.KeyCtrl && io.KeyAlt && chordKey >= 0 && chordKey < IM_ARRAYSIZE(io.KeysDown) &&
           ImGui::IsKeyPressed(chordKey, false);
}

}  // namespace kiosk::ui
