// Officer mode's presenter mode: the course's modules as large slides for the room (next, previous, jump),
// a knowledge check shown to the room with its answer revealed on demand, then attendance ticked from the
// roster (or added by hand). Layer: kiosk/ui.
#include "chrome.hpp"
#include "officer_parts.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {
namespace {

constexpr float kSlideScale = 1.3f;

const content::Module* moduleAt(const View& view, int index) {
    const auto* mods = view.englishModules;
    if (!mods || index < 0 || static_cast<std::size_t>(index) >= mods->size()) return nullptr;
    return &(*mods)[static_cast<std::size_t>(index)];
}

const content::Block* questionBlock(const content::Module& m, const std::string& id) {
    for (const auto& b : m.blocks) {
        if (const auto* k = std::get_if<content::KnowledgeCheck>(&b); k && k->id == id) return &b;
        if (const auto* s = std::get_if<content::Scenario>(&b); s && s->id == id) return &b;
    }
    return nullptr;
}

// One answer as a wide panel; the right one marked once revealed.
void option(const View& view, const std::string& text, bool right, float width, const std::string& probe) {
    const float em = view.em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string shown = right ? "\xE2\x9C\x93 " + text : text;  // ✓
    if (right) ImGui::PushFont(view.fonts.bold);  // measured in the font it is drawn in
    const ImVec2 size = ImGui::CalcTextSize(shown.c_str(), nullptr, false, width - 1.6f * em);
    const float h = size.y + 1.0f * em;
    dl->AddRectFilled(p, {p.x + width, p.y + h}, ImGui::GetColorU32(view.theme.secondary), 0.3f * em);
    if (right) dl->AddRect(p, {p.x + width, p.y + h}, ImGui::GetColorU32(view.theme.good), 0.3f * em, 0, 0.2f * em);
    ImGui::SetCursorScreenPos({p.x + 0.8f * em, p.y + 0.5f * em});
    ImGui::PushStyleColor(ImGuiCol_Text, view.theme.onSecondary);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 1.6f * em);
    ImGui::TextUnformatted(shown.c_str());
    if (right) ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos({p.x, p.y + h});
    ImGui::Dummy({width, 0.4f * em});
    recordItem(view, probe);
}

void drawQuestion(OfficerCtx& c, const View& big, const content::Block& b, bool revealed, float width) {
    const auto& s = c.view.english;
    const auto para = [&](const content::Inlines& text, const ImVec4& colour) {
        wrappedText(big.fonts.body, inlineText(text), colour, width);
    };
    if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) {
        wrappedText(big.fonts.bold, s.get("module.check"), big.theme.mutedText, width);
        wrappedText(big.fonts.heading, inlineText(k->question), big.theme.text, width);
        ImGui::Dummy({0, 0.4f * big.em()});
        for (std::size_t i = 0; i < k->options.size(); ++i) {
            const char letter[] = {static_cast<char>('A' + i), '.', ' ', 0};
            option(big, letter + inlineText(k->options[i]), revealed && static_cast<int>(i) == k->correct, width,
                   "slide-option:" + std::to_string(i + 1));
        }
        if (revealed) {
            recordItem(c.view, "answer-revealed");
            for (const auto& p : k->explanation) para(p, big.theme.text);
        }
    } else if (const auto* sc = std::get_if<content::Scenario>(&b)) {
        wrappedText(big.fonts.bold, s.get("module.scenario"), big.theme.mutedText, width);
        wrappedText(big.fonts.body, inlineText(sc->situation), big.theme.text, width);
        ImGui::Dummy({0, 0.4f * big.em()});
        const char* keys[3] = {"module.crime", "module.not_crime", "module.depends"};
        const int right = sc->verdict == content::Verdict::Crime ? 0 : sc->verdict == content::Verdict::NotCrime ? 1 : 2;
        for (int i = 0; i < 3; ++i)
            option(big, s.get(keys[i]), revealed && i == right, width, "slide-option:" + std::to_string(i + 1));
        if (revealed) {
            recordItem(c.view, "answer-revealed");
            for (const auto& p : sc->explanation) para(p, big.theme.text);
            if (!sc->law.empty()) para(sc->law, big.theme.mutedText);
        }
    }
}

void drawAttendance(OfficerCtx& c) {
    const View& view = c.view;
    const auto& st = c.state;
    const auto& p = st.presenter;
    const float em = c.em();
    wrappedText(view.fonts.heading, "Take attendance", view.theme.text, ImGui::GetContentRegionAvail().x);
    wrappedText(view.fonts.body, st.roster.sessionLabel, view.theme.text, ImGui::GetContentRegionAvail().x);
    std::string shown;
    for (int i : p.shown) shown += (shown.empty() ? "" : ", ") + std::to_string(i + 1);
    mutedLine(c, "Tick everyone in the room. Each person ticked is credited with the modules shown: " +
                     (shown.empty() ? std::string("none yet") : shown) + ".");
    const int present = static_cast<int>(p.present.size());
    if (touchButton(view, "Record attendance (" + std::to_string(present) + " present)##save", 16.0f,
                    ButtonStyle::Primary, false, "attendance-save"))
        c.emit(flow::SubmitAttendance{});
    ImGui::SameLine(0.0f, 0.6f * em);
    if (!st.roster.sessionId.empty() &&
        touchButton(view, "Add someone by hand##add", 12.0f, ButtonStyle::Secondary, false, "roster-add"))
        c.emit(flow::RosterStartAdd{});
    ImGui::SameLine(0.0f, 0.6f * em);
    if (touchButton(view, "Back to the slides##end", 11.0f, ButtonStyle::Secondary, false, "attendance-end"))
        c.emit(flow::EndAttendance{});
    ImGui::Dummy({0, 0.3f * em});
    beginOfficerBody(c, "##attendance");
    const float avail = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(1, static_cast<int>(avail / (20.0f * em)));
    const float w = (avail - 0.5f * em * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    int i = 0;
    for (const auto& row : st.roster.rows) {
        if (i % columns != 0) ImGui::SameLine(0.0f, 0.5f * em);
        const bool ticked = p.present.count(row.candidateId) > 0;
        ImGui::PushID(row.candidateId.c_str());
        if (touchButton(view, (ticked ? "\xE2\x9C\x93 " : "   ") + row.name + "##present", w / em,
                        ticked ? ButtonStyle::Primary : ButtonStyle::Secondary, ticked, "present:" + row.name))
            c.emit(flow::TogglePresent{row.candidateId});
        ImGui::PopID();
        ++i;
    }
    if (st.roster.loaded && st.roster.rows.empty())
        mutedLine(c, "Nobody is on today's roster yet: add people by hand.");
    endOfficerBody();
}

}  // namespace

void drawPresenter(OfficerCtx& c) {
    const View& view = c.view;
    const auto& st = c.state;
    const auto& p = st.presenter;
    const float em = c.em();
    if (p.attendance) {
        drawAttendance(c);
        return;
    }
    const int count = static_cast<int>(st.config.modules.size());
    const content::Module* m = moduleAt(view, p.slide);
    if (count == 0 || !m) {
        mutedLine(c, "The course has no modules to present.");
        return;
    }
    // Navigation: previous, where we are, next, attendance; then a numbered button per module.
    if (touchButton(view, "< Previous##prev", 8.0f, ButtonStyle::Secondary, false, "slide-prev")) c.emit(flow::SlidePrev{});
    ImGui::SameLine(0.0f, 0.5f * em);
    if (touchButton(view, "Next >##next", 8.0f, ButtonStyle::Primary, false, "slide-next")) c.emit(flow::SlideNext{});
    ImGui::SameLine(0.0f, 1.0f * em);
    for (int i = 0; i < count; ++i) {
        ImGui::PushID(i);
        if (touchButton(view, std::to_string(i + 1) + "##jump", 2.2f, i == p.slide ? ButtonStyle::Primary : ButtonStyle::Secondary,
                        i == p.slide, "jump:" + std::to_string(i + 1)))
            c.emit(flow::SlideJump{i});
        ImGui::PopID();
        ImGui::SameLine(0.0f, 0.3f * em);
    }
    ImGui::SameLine(0.0f, 0.7f * em);
    if (touchButton(view, "Take attendance##attendance", 10.0f, ButtonStyle::Secondary, false, "attendance"))
        c.emit(flow::StartAttendance{});
    // The module's questions, to show to the room one at a time.
    const auto& questions = st.config.modules[static_cast<std::size_t>(p.slide)].questions;
    // Scrolling the slide by touch: the buttons act on the slide's window below.
    int scroll = 0;
    if (touchButton(view, "Scroll up##slide-up", 6.5f, ButtonStyle::Secondary, false, "slide-up")) scroll = -1;
    ImGui::SameLine(0.0f, 0.3f * em);
    if (touchButton(view, "Scroll down##slide-down", 6.5f, ButtonStyle::Secondary, false, "slide-down")) scroll = 1;
    ImGui::SameLine(0.0f, 1.0f * em);
    if (!questions.empty()) {
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + 0.5f * em);  // level with the 2 em buttons
        ImGui::TextUnformatted("Questions:");
        ImGui::SameLine(0.0f, 0.5f * em);
        ImGui::SetCursorPosY(y);
        for (std::size_t q = 0; q < questions.size(); ++q) {
            ImGui::PushID(static_cast<int>(q) + 100);
            const bool on = p.check && *p.check == static_cast<int>(q);
            if (touchButton(view, "Question " + std::to_string(q + 1) + "##check", 6.5f,
                            ButtonStyle::Secondary, on, "check:" + std::to_string(q + 1)))
                c.emit(flow::ShowCheck{static_cast<int>(q)});
            ImGui::PopID();
            ImGui::SameLine(0.0f, 0.3f * em);
        }
        if (p.check) {
            ImGui::SameLine(0.0f, 0.7f * em);
            if (!p.revealed && touchButton(view, "Reveal the answer##reveal", 10.0f, ButtonStyle::Primary, false, "reveal"))
                c.emit(flow::RevealAnswer{});
            if (p.revealed) ImGui::Dummy({0, 0});
            ImGui::SameLine(0.0f, 0.3f * em);
            if (touchButton(view, "Back to the slide##hide", 9.0f, ButtonStyle::Secondary, false, "hide-check"))
                c.emit(flow::HideCheck{});
        }
    }
    ImGui::NewLine();
    // The slide itself, larger than the kiosk's body text.
    const View big{view.fonts, view.theme, view.english, view.welsh, view.force, view.probe, view.highContrast,
                   view.englishModules, view.welshModules, kSlideScale, false};
    ImGui::PushStyleColor(ImGuiCol_ChildBg, view.theme.background);
    ImGui::BeginChild(("##slide-" + std::to_string(p.slide) + (p.check ? "-q" + std::to_string(*p.check) : "")).c_str(),
                      {0.0f, std::max(6.0f * em, ImGui::GetContentRegionAvail().y)}, false, ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetWindowFontScale(kSlideScale);
    if (scroll != 0) ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(scroll) * ImGui::GetWindowHeight() * 0.8f);
    const float column = std::min(ImGui::GetContentRegionAvail().x, kColumnEm * big.em());
    const float indent = std::max(0.0f, (ImGui::GetContentRegionAvail().x - column) * 0.5f);
    ImGui::Indent(indent);
    const std::string slideLabel = "Module " + std::to_string(p.slide + 1) + " of " + std::to_string(count);
    ImGui::PushStyleColor(ImGuiCol_Text, view.theme.mutedText);
    ImGui::TextUnformatted(slideLabel.c_str());
    ImGui::PopStyleColor();
    recordItem(view, "slide:" + m->id);
    const content::Block* q = nullptr;
    if (p.check && static_cast<std::size_t>(*p.check) < questions.size())
        q = questionBlock(*m, questions[static_cast<std::size_t>(*p.check)]);
    if (q) {
        drawQuestion(c, big, *q, p.revealed, column);
    } else {
        flow::State dummy;  // the slide's blocks draw no journey state: no answers, nothing typed
        Ctx slide{big, dummy, view.english, std::nullopt, false};
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
        drawSlide(slide, *m);
        ImGui::PopTextWrapPos();
    }
    ImGui::Unindent(indent);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace kiosk::ui::detail
