// Screen drawing for the candidate journey: dispatch, the shared chrome, attract, language, the idle
// countdown and the officer notice. Layer: kiosk/ui.
#include "kiosk/ui/screens.hpp"

#include "chrome.hpp"
#include "kiosk/ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace kiosk::ui {
namespace detail {

bool keyPressed(int imguiKey) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(imguiKey), false); }

namespace {

constexpr float kTextScales[3] = {1.0f, 1.2f, 1.4f};
const char* const kTextSizeLabels[3] = {"A", "A+", "A++"};

const char* stepKey(int step) {
    switch (step) {
        case 1: return "steps.language";
        case 2: return "steps.privacy";
        case 3: return "steps.checkin";
        case 4: return "steps.modules";
        case 5: return "steps.plan";
        case 6: return "steps.review";
        default: return "steps.done";
    }
}

}  // namespace

// The force's colour band across the top with its name, and (after the attract screen) the candidate's
// controls: the other language, text size and high contrast. All are ordinary touch targets.
void drawHeader(Ctx& c, bool controls) {
    const View& view = c.view;
    const float em = c.em();
    const float width = ImGui::GetWindowWidth();
    const float height = 3.0f * em;
    // The attract screen speaks the force's first language; every later screen the candidate's.
    const bool attract = std::holds_alternative<flow::Attract>(c.state.screen) && !c.state.countdown;
    const std::string& name = view.force.name.in(attract ? c.state.config.firstLanguage : c.state.lang);
    accentBand(view, height, name, view.fonts.heading->FontSize * view.scale, 1.5f * em);
    if (controls) {
        const auto& st = c.state;
        const std::string other = st.lang == "cy" ? "en-GB" : "cy";
        // The other language only when the course has it (courses for Scotland and Northern Ireland are English).
        const bool offerOther = flow::offersLanguage(st.config, other);
        const float w1 = offerOther ? 7.0f : 0.0f, w2 = 11.0f, w3 = 9.5f, gap = 0.5f;
        ImGui::SetCursorPos({width - (w1 + w2 + w3 + (offerOther ? 2 : 1) * gap) * em - 1.0f * em, 0.5f * em});
        if (offerOther) {
            if (touchButton(view, view.strings(other).get("language.name"), w1, ButtonStyle::Secondary))
                c.emit(flow::PickLanguage{other});
            ImGui::SameLine(0.0f, gap * em);
        }
        const int size3 = std::clamp(st.candidate.textSize, 0, 2);
        // Shows the current size; each touch steps A -> A+ -> A++ -> A.
        if (touchButton(view, c.str("common.text_size") + " " + kTextSizeLabels[size3] + "##textsize", w2,
                        ButtonStyle::Secondary, false, "text-size"))
            c.emit(flow::SetTextSize{(size3 + 1) % 3});
        ImGui::SameLine(0.0f, gap * em);
        const std::string contrast = st.candidate.highContrast ? c.str("common.normal_colours") : c.str("common.high_contrast");
        if (touchButton(view, contrast + "##contrast", w3, ButtonStyle::Secondary, false, "contrast"))
            c.emit(flow::SetHighContrast{!st.candidate.highContrast});
    }
    ImGui::SetCursorPos({ImGui::GetStyle().WindowPadding.x, height + 0.6f * em});
}

// "Step 3 of 7: Check in" and a bar of seven segments, the done ones filled.
void drawProgress(Ctx& c) {
    const auto p = flow::progress(c.state);
    if (p.total == 0) return;
    const float em = c.em();
    const std::string text = fillIn(c.str("common.step"), {{"n", std::to_string(p.step)},
                                                           {"total", std::to_string(p.total)},
                                                           {"name", c.str(stepKey(p.step))}});
    ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.mutedText);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    const ImVec2 win = ImGui::GetWindowPos();
    const float segW = 2.2f * em, segH = 0.45f * em, gap = 0.3f * em;
    const float x0 = win.x + ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - p.total * (segW + gap);
    const float y0 = ImGui::GetItemRectMin().y + 0.3f * em;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < p.total; ++i) {
        const ImVec2 a{x0 + i * (segW + gap), y0};
        const ImVec2 b{a.x + segW, a.y + segH};
        if (i < p.step) dl->AddRectFilled(a, b, ImGui::GetColorU32(c.view.theme.accent), segH * 0.5f);
        else dl->AddRect(a, b, ImGui::GetColorU32(c.view.theme.mutedText), segH * 0.5f, 0, 0.08f * em);
    }
    ImGui::Dummy({0, 0.2f * em});
}

void beginBody(Ctx& c, float reserveBottomEm) {
    const float em = c.em();
    const float h = std::max(4.0f * em, ImGui::GetContentRegionAvail().y - reserveBottomEm * em);
    ImGui::BeginChild(c.bodyId.c_str(), {0, h}, false, ImGuiWindowFlags_None);
    const float w = ImGui::GetContentRegionAvail().x;
    const float col = std::min(w - 1.0f * em, kColumnEm * em);
    ImGui::Indent(std::max(0.0f, (w - col) * 0.5f));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
}

Body endBody(Ctx& c) {
    Body b;
    ImGui::PopTextWrapPos();
    const float w = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    b.columnWidth = std::min(w - 1.0f * c.em(), kColumnEm * c.em());
    ImGui::Dummy({0, 0.5f * c.em()});
    // Drag to scroll, from anywhere in the body (a finger on a touch screen drags the text).
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.3f * c.em()))
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    b.window = ImGui::GetCurrentWindow();
    b.scrollMax = ImGui::GetScrollMaxY();
    ImGui::EndChild();
    return b;
}

bool bottomBar(Ctx& c, const Body& body, bool back, const std::string& primary, bool primaryEnabled,
               bool emphasise) {
    const View& view = c.view;
    const float em = c.em();
    const float winW = ImGui::GetWindowWidth();
    const float padX = ImGui::GetStyle().WindowPadding.x;
    const float y = ImGui::GetWindowHeight() - 3.0f * em;
    if (back) {
        ImGui::SetCursorPos({padX, y});
        if (touchButton(view, c.str("common.back") + "##back", 7.0f, ButtonStyle::Secondary, false, c.str("common.back")))
            c.emit(flow::Back{});
    }
    if (body.window && body.scrollMax > 0.5f) {
        ImGui::SetCursorPos({winW * 0.5f - 8.25f * em, y});
        const float page = body.window->InnerRect.GetHeight() * 0.8f;
        if (touchButton(view, c.str("common.scroll_up"), 8.0f, ButtonStyle::Secondary, false, "scroll-up"))
            ImGui::SetScrollY(body.window, std::max(0.0f, body.window->Scroll.y - page));
        ImGui::SameLine(0.0f, 0.5f * em);
        if (touchButton(view, c.str("common.scroll_down"), 8.0f, ButtonStyle::Secondary, false, "scroll-down"))
            ImGui::SetScrollY(body.window, std::min(body.scrollMax, body.window->Scroll.y + page));
    }
    bool pressed = false;
    if (!primary.empty()) {
        ImGui::PushFont(view.fonts.bold);
        const float w = std::max(10.0f, ImGui::CalcTextSize(primary.c_str()).x / em + 2.0f);
        ImGui::SetCursorPos({winW - padX - w * em, y});
        pressed = touchButton(view, primary, w,
                              primaryEnabled && emphasise ? ButtonStyle::Primary : ButtonStyle::Secondary) &&
                  primaryEnabled;
        ImGui::PopFont();
    }
    return pressed;
}

bool wrapButton(Ctx& c, const std::string& text, const std::string& probeLabel, float width, const ImVec4& bg,
                const ImVec4& fg, const ImVec4* mark) {
    const float em = c.em();
    const ImVec2 pad{0.7f * em, 0.45f * em};
    const float wrap = width - 2 * pad.x;
    const ImVec2 textSize = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 size{width, std::max(2.0f * em, textSize.y + 2 * pad.y)};
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(probeLabel.c_str());
    const bool pressed = ImGui::InvisibleButton("##wrap", size);
    ImGui::PopID();
    const bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 fill = active ? ImVec4{bg.x * 0.85f, bg.y * 0.85f, bg.z * 0.85f, 1.0f} : bg;
    dl->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, ImGui::GetColorU32(fill), 0.3f * em);
    if (mark)
        dl->AddRect(pos, {pos.x + size.x, pos.y + size.y}, ImGui::GetColorU32(*mark), 0.3f * em, 0, 0.15f * em);
    if (ImGui::IsItemFocused())
        dl->AddRect({pos.x - 0.1f * em, pos.y - 0.1f * em}, {pos.x + size.x + 0.1f * em, pos.y + size.y + 0.1f * em},
                    ImGui::GetColorU32(c.view.theme.focus), 0.3f * em, 0, 0.12f * em);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {pos.x + pad.x, pos.y + pad.y}, ImGui::GetColorU32(fg),
                text.c_str(), nullptr, wrap);
    recordItem(c.view, probeLabel);
    return pressed;
}

namespace {

void drawAttract(Ctx& c) {
    const View& view = c.view;
    const float em = c.em();
    // The whole screen is one target: a first-time user may touch anywhere.
    const ImVec2 size = ImGui::GetContentRegionAvail();
    const ImVec2 start = ImGui::GetCursorPos();
    if (ImGui::InvisibleButton("##attract", {size.x, size.y})) c.emit(flow::Touch{});
    recordItem(view, "attract");
    ImGui::SetCursorPos(start);
    drawHeader(c, false);

    // Both languages on the attract screen (when the course has both), the force's first language first.
    const bool welshFirst = c.state.config.firstLanguage == "cy";
    const bool both = c.state.config.languages.size() > 1;
    const auto& first = welshFirst ? view.welsh : view.english;
    const auto& second = welshFirst ? view.english : view.welsh;
    const float textWidth = 34.0f * em;  // about 60 characters of body text per line
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.22f);
    centredText(view.fonts.title, first.get("attract.title"), textWidth * 1.2f, view.theme.text);
    ImGui::Dummy({0, 0.3f * em});
    if (both) centredText(view.fonts.heading, second.get("attract.title"), textWidth * 1.2f, view.theme.mutedText);
    ImGui::Dummy({0, 1.2f * em});
    centredText(view.fonts.body, first.get("attract.subtitle"), textWidth, view.theme.text);
    ImGui::Dummy({0, 0.3f * em});
    if (both) centredText(view.fonts.body, second.get("attract.subtitle"), textWidth, view.theme.mutedText);

    // The visible call to action (drawn, not a separate target: the whole screen is the target).
    const std::string cta = both ? first.get("attract.touch_to_start") + "  /  " + second.get("attract.touch_to_start")
                                 : first.get("attract.touch_to_start");
    ImGui::PushFont(view.fonts.heading);
    const ImVec2 textSize = ImGui::CalcTextSize(cta.c_str());
    ImGui::PopFont();
    const ImVec2 pad{2.0f * em, 0.9f * em};
    const ImVec2 win = ImGui::GetWindowPos();
    const float boxW = textSize.x + 2 * pad.x;
    const float boxH = textSize.y + 2 * pad.y;
    // Below the text, and at least 70% of the way down so it sits where a hand reaches.
    const float below = ImGui::GetCursorPosY() + 1.5f * em;
    const ImVec2 boxMin{win.x + (ImGui::GetWindowWidth() - boxW) * 0.5f,
                        win.y + std::max(below, ImGui::GetWindowHeight() * 0.70f)};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(boxMin, {boxMin.x + boxW, boxMin.y + boxH}, ImGui::GetColorU32(view.theme.accent), 0.4f * em);
    dl->AddText(view.fonts.heading, view.fonts.heading->FontSize, {boxMin.x + pad.x, boxMin.y + pad.y},
                ImGui::GetColorU32(view.theme.onAccent), cta.c_str());

    if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter) || keyPressed(ImGuiKey_Space))
        c.emit(flow::Touch{});
}

void drawChooseLanguage(Ctx& c) {
    const View& view = c.view;
    const float em = c.em();
    drawHeader(c, false);
    drawProgress(c);
    const bool welshFirst = c.state.config.firstLanguage == "cy";
    const auto& first = welshFirst ? view.welsh : view.english;
    const auto& second = welshFirst ? view.english : view.welsh;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.25f);
    centredText(view.fonts.title, first.get("choose_language.title"), 40.0f * em, view.theme.text);
    centredText(view.fonts.heading, second.get("choose_language.title"), 40.0f * em, view.theme.mutedText);
    ImGui::Dummy({0, 1.5f * em});

    const float buttonEm = 12.0f;
    const float gap = 2.0f * em;
    const float rowWidth = 2 * buttonEm * em + gap;
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - rowWidth) * 0.5f);
    ImGui::PushFont(view.fonts.heading);
    std::vector<std::string> order;
    for (const char* l : {welshFirst ? "cy" : "en-GB", welshFirst ? "en-GB" : "cy"})
        if (flow::offersLanguage(c.state.config, l)) order.push_back(l);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i == 1) ImGui::SameLine(0.0f, gap);
        const std::string& lang = order[i];
        const std::string label = view.strings(lang).get("language.name");
        if (touchButton(view, label, buttonEm, ButtonStyle::Primary, c.state.lang == lang)) c.emit(flow::StartIn{lang});
    }
    ImGui::PopFont();
    bottomBar(c, {}, true, {});
}

// "Are you still there?": covers the whole screen (the candidate's details are not drawn under it).
void drawCountdown(Ctx& c) {
    const View& view = c.view;
    const float em = c.em();
    drawHeader(c, false);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.28f);
    centredText(view.fonts.title, c.str("idle.title"), 40.0f * em, view.theme.text);
    recordItem(view, "countdown");
    ImGui::Dummy({0, em});
    const std::string secs = std::to_string(flow::countdownSeconds(c.state));
    centredText(view.fonts.heading, fillIn(c.str("idle.body"), {{"seconds", secs}}), 36.0f * em, view.theme.text);
    ImGui::Dummy({0, 1.5f * em});
    ImGui::PushFont(view.fonts.heading);
    const float w = 16.0f;
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w * em) * 0.5f);
    if (touchButton(view, c.str("idle.still_here"), w)) c.emit(flow::UserActivity{});
    ImGui::PopFont();
    if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_Space) || keyPressed(ImGuiKey_Escape))
        c.emit(flow::UserActivity{});
}

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

}  // namespace
}  // namespace detail

std::optional<flow::Event> drawJourney(const flow::State& state, const View& base) {
    using namespace detail;
    const int size = std::clamp(state.candidate.textSize, 0, 2);
    const bool contrast = state.candidate.highContrast && base.highContrast;
    const View view{base.fonts,    contrast ? *base.highContrast : base.theme,
                    base.english,  base.welsh,
                    base.force,    base.probe,
                    base.highContrast, base.englishModules,
                    base.welshModules, kTextScales[size], base.scrollToAnswer};
    applyTheme(view.theme, view.em());
    beginFullScreen("##journey", view);
    ImGui::SetWindowFontScale(view.scale);
    Ctx c{view, state, view.strings(state.lang), std::nullopt, false, "##body-" + flow::screenName(state.screen)};
    if (const auto* m = std::get_if<flow::ModuleView>(&state.screen)) c.bodyId += std::to_string(m->index);
    if (state.countdown) {
        drawCountdown(c);
    } else {
        std::visit(Overloaded{
                       [&](const flow::Attract&) { drawAttract(c); },
                       [&](const flow::ChooseLanguage&) { drawChooseLanguage(c); },
                       [&](const flow::PrivacyNotice&) { drawPrivacy(c); },
                       [&](const flow::CheckIn& s) { drawCheckIn(c, s); },
                       [&](const flow::ModuleList&) { drawModuleList(c); },
                       [&](const flow::ModuleView& s) { drawModule(c, s); },
                       [&](const flow::SafetyPlanScreen&) { drawSafetyPlan(c); },
                       [&](const flow::Review&) { drawReview(c); },
                       [&](const flow::Done&) { drawDone(c); },
                   },
                   state.screen);
        // Escape is Back on every screen (the attract screen has nothing to go back to).
        if (!std::holds_alternative<flow::Attract>(state.screen) && keyPressed(ImGuiKey_Escape)) c.emit(flow::Back{});
    }
    endFullScreen();
    return c.event;
}

void wipeInputState() {
    ImGui::ClearActiveID();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // The one place ImGui keeps a copy of typed text: free it, so nothing of the candidate stays in memory.
    g.InputTextState.ClearFreeMemory();
    g.InputTextState.ID = 0;
    ImGui::SetWindowFocus(nullptr);
}

void drawNotice(const View& view, const std::string& title, const std::vector<std::string>& details) {
    using namespace detail;
    const float em = view.em();
    applyTheme(view.theme, em);
    beginFullScreen("##notice", view);
    flow::State s;
    s.config.firstLanguage = view.force.defaults.firstLanguage;
    Ctx c{view, s, view.strings(s.lang), std::nullopt, false};
    drawHeader(c, false);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() * 0.2f);
    centredText(view.fonts.title, title, 40.0f * em, view.theme.text);
    ImGui::Dummy({0, em});
    centredText(view.fonts.heading, view.english.get("notice.ask_staff"), 40.0f * em, view.theme.text);
    centredText(view.fonts.body, view.welsh.get("notice.ask_staff"), 40.0f * em, view.theme.mutedText);
    ImGui::Dummy({0, em});
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - 1.5f * em);
    for (const auto& d : details) ImGui::TextUnformatted(d.c_str());
    ImGui::PopTextWrapPos();
    endFullScreen();
}

}  // namespace kiosk::ui
