// One guidance module on screen, drawn from the document model: headings, paragraphs, lists, callouts,
// tables, and knowledge checks and scenarios with immediate, kind feedback. Layer: kiosk/ui.
#include "chrome.hpp"

#include "content/check_order.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {

std::string inlineText(const content::Inlines& spans) {
    std::string out;
    for (const auto& s : spans) {
        out += s.text;
        if (!s.link.empty() && s.link != s.text) out += " (" + s.link + ")";
    }
    return out;
}

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

bool allStrong(const content::Inlines& spans) {
    return !spans.empty() && std::all_of(spans.begin(), spans.end(), [](const content::Span& s) { return s.strong; });
}

void text(Ctx& c, const content::Inlines& spans, const ImVec4* colour = nullptr) {
    const bool bold = allStrong(spans);
    if (bold) ImGui::PushFont(c.view.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, colour ? *colour : c.view.theme.text);
    const std::string t = inlineText(spans);
    ImGui::TextWrapped("%s", t.c_str());
    ImGui::PopStyleColor();
    if (bold) ImGui::PopFont();
}

// A card: content drawn first on the top channel, the panel behind it once its height is known.
template <class F>
void card(Ctx& c, const ImVec4& bar, F&& content) {
    const float em = c.em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = kColumnEm * em;
    ImGui::Dummy({0, 0.4f * em});
    ImGui::Indent(0.8f * em);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 1.6f * em);
    content();
    ImGui::PopTextWrapPos();
    ImGui::Unindent(0.8f * em);
    ImGui::Dummy({0, 0.1f * em});
    const ImVec2 end{start.x + width, ImGui::GetCursorScreenPos().y};
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, end, ImGui::GetColorU32(c.view.theme.panel), 0.3f * em);
    dl->AddRectFilled(start, {start.x + 0.25f * em, end.y}, ImGui::GetColorU32(bar));
    dl->ChannelsMerge();
    ImGui::Dummy({0, 0.3f * em});
}

void feedback(Ctx& c, bool right, const std::vector<content::Inlines>& explanation) {
    ImGui::PushFont(c.view.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? c.view.theme.good : c.view.theme.text);
    ImGui::TextWrapped("%s", (right ? "✓ " + c.str("module.right") : c.str("module.wrong")).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    recordItem(c.view, right ? "feedback:right" : "feedback:wrong");
    for (const auto& p : explanation) text(c, p);
}

void knowledgeCheck(Ctx& c, const std::string& moduleId, const content::KnowledgeCheck& k) {
    const auto chosen = flow::answerOf(c.state, moduleId, k.id);
    // Shown in this candidate's order (the pack prints the same order); answers stay canonical indexes.
    const auto order = content::optionOrder(c.state.candidate.candidateId, moduleId, k.id, k.options.size());
    card(c, c.view.theme.accent, [&] {
        ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.mutedText);
        ImGui::TextUnformatted(c.str("module.check").c_str());
        ImGui::PopStyleColor();
        ImGui::PushFont(c.view.fonts.bold);
        text(c, k.question);
        ImGui::PopFont();
        const float w = kColumnEm * c.em() - 1.6f * c.em();
        for (const int idx : order) {
            std::string label = inlineText(k.options[static_cast<std::size_t>(idx)]);
            if (chosen) {
                if (idx == k.correct) label = c.str("module.correct_answer") + ": " + label;
                else if (idx == *chosen) label = c.str("module.your_answer") + ": " + label;
            }
            const ImVec4* mark = !chosen ? nullptr : idx == k.correct ? &c.view.theme.good
                                                 : idx == *chosen   ? &c.view.theme.bad
                                                                    : nullptr;
            if (wrapButton(c, label, "option:" + moduleId + "/" + k.id + "/" + std::to_string(idx), w,
                           c.view.theme.secondary, c.view.theme.onSecondary, mark) &&
                !chosen)
                c.emit(flow::Answer{k.id, idx});
        }
        if (chosen) {
            const bool right = *chosen == k.correct;
            std::vector<content::Inlines> paragraphs;
            // Why the chosen option is wrong comes first, then the explanation everyone sees.
            if (!right && static_cast<std::size_t>(*chosen) < k.feedback.size() &&
                !k.feedback[static_cast<std::size_t>(*chosen)].empty())
                paragraphs.push_back(k.feedback[static_cast<std::size_t>(*chosen)]);
            paragraphs.insert(paragraphs.end(), k.explanation.begin(), k.explanation.end());
            feedback(c, right, paragraphs);
        }
    });
    if (chosen && c.view.scrollToAnswer && !c.scrolled) {
        ImGui::SetScrollHereY(1.0f);
        c.scrolled = true;
    }
}

void scenario(Ctx& c, const std::string& moduleId, const content::Scenario& s) {
    const auto chosen = flow::answerOf(c.state, moduleId, s.id);
    const char* keys[3] = {"module.crime", "module.not_crime", "module.depends"};
    const char* probes[3] = {"crime", "not-crime", "depends"};
    const int right = content::verdictIndex(s.verdict);
    card(c, c.view.theme.mutedText, [&] {
        ImGui::PushFont(c.view.fonts.bold);
        ImGui::TextUnformatted(c.str("module.scenario").c_str());
        ImGui::PopFont();
        text(c, s.situation);
        const float w = (kColumnEm * c.em() - 1.6f * c.em() - 1.2f * c.em()) / 3.0f;
        for (int i = 0; i < 3; ++i) {
            if (i > 0) ImGui::SameLine(0.0f, 0.6f * c.em());
            std::string label = c.str(keys[i]);
            if (chosen && i == right) label = "✓ " + label;
            else if (chosen && i == *chosen) label = "✗ " + label;
            if (wrapButton(c, label, "verdict:" + moduleId + "/" + s.id + "/" + probes[i], w, c.view.theme.secondary,
                           c.view.theme.onSecondary,
                           !chosen ? nullptr : i == right ? &c.view.theme.good : i == *chosen ? &c.view.theme.bad : nullptr) &&
                !chosen)
                c.emit(flow::Answer{s.id, i});
        }
        if (chosen) {
            feedback(c, *chosen == right, {});
            ImGui::PushFont(c.view.fonts.bold);
            ImGui::TextWrapped("%s", fillIn(c.str("module.answer_is"), {{"verdict", c.str(keys[right])}}).c_str());
            ImGui::PopFont();
            for (const auto& p : s.explanation) text(c, p);
            if (!s.law.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.mutedText);
                ImGui::TextWrapped("%s", (c.str("module.law") + " " + inlineText(s.law)).c_str());
                ImGui::PopStyleColor();
            }
        }
    });
}

void block(Ctx& c, const std::string& moduleId, const content::Block& b) {
    std::visit(Overloaded{
                   [&](const content::Heading& h) {
                       ImGui::Dummy({0, 0.3f * c.em()});
                       ImGui::PushFont(h.level <= 2 ? c.view.fonts.heading : c.view.fonts.bold);
                       text(c, h.text);
                       ImGui::PopFont();
                   },
                   [&](const content::Paragraph& p) { text(c, p.text); },
                   [&](const content::List& l) {
                       int n = 1;
                       for (const auto& item : l.items) {
                           content::Inlines line = item;
                           const std::string marker = l.ordered ? std::to_string(n++) + ". " : "• ";
                           line.insert(line.begin(), content::Span{marker, false, false, {}});
                           text(c, line);
                       }
                   },
                   [&](const content::Callout& k) {
                       const ImVec4 bar = k.kind == content::CalloutKind::Emergency ? c.view.theme.bad
                                          : k.kind == content::CalloutKind::Important ? c.view.theme.accent
                                                                                      : c.view.theme.good;
                       card(c, bar, [&] {
                           if (!k.title.empty()) {
                               ImGui::PushFont(c.view.fonts.bold);
                               text(c, k.title);
                               ImGui::PopFont();
                           }
                           for (const auto& p : k.paragraphs) text(c, p);
                       });
                   },
                   [&](const content::Table& t) {
                       const int cols = static_cast<int>(std::max<std::size_t>(1, t.header.size()));
                       if (ImGui::BeginTable("##table", cols,
                                             ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame,
                                             {kColumnEm * c.em(), 0})) {
                           for (const auto& h : t.header) {
                               ImGui::TableNextColumn();
                               ImGui::PushFont(c.view.fonts.bold);
                               text(c, h);
                               ImGui::PopFont();
                           }
                           for (const auto& row : t.rows)
                               for (const auto& cell : row) {
                                   ImGui::TableNextColumn();
                                   text(c, cell);
                               }
                           ImGui::EndTable();
                       }
                   },
                   [&](const content::KnowledgeCheck& k) { knowledgeCheck(c, moduleId, k); },
                   [&](const content::Scenario& s) { scenario(c, moduleId, s); },
               },
               b);
}

}  // namespace

void drawSlide(Ctx& c, const content::Module& m) {
    ImGui::PushFont(c.view.fonts.heading);
    ImGui::TextWrapped("%s", m.title.c_str());
    ImGui::PopFont();
    int i = 0;
    for (const auto& b : m.blocks) {
        ++i;
        if (std::holds_alternative<content::KnowledgeCheck>(b) || std::holds_alternative<content::Scenario>(b)) continue;
        ImGui::PushID(i);
        block(c, m.id, b);
        ImGui::PopID();
    }
}

void drawModule(Ctx& c, const flow::ModuleView& screen) {
    const auto& st = c.state;
    const auto* modules = c.view.modules(st.lang);
    drawHeader(c, true);
    drawProgress(c);
    const content::Module* m = nullptr;
    if (modules && screen.index >= 0 && static_cast<std::size_t>(screen.index) < modules->size())
        m = &(*modules)[static_cast<std::size_t>(screen.index)];
    beginBody(c);
    bool allAnswered = true;
    if (m) {
        ImGui::PushFont(c.view.fonts.heading);
        ImGui::TextWrapped("%s", m->title.c_str());
        ImGui::PopFont();
        int i = 0;
        for (const auto& b : m->blocks) {
            ImGui::PushID(i++);
            block(c, m->id, b);
            ImGui::PopID();
            if (const auto* k = std::get_if<content::KnowledgeCheck>(&b))
                allAnswered = allAnswered && flow::answerOf(st, m->id, k->id).has_value();
            if (const auto* s = std::get_if<content::Scenario>(&b))
                allAnswered = allAnswered && flow::answerOf(st, m->id, s->id).has_value();
        }
    }
    const bool canFinish = allAnswered || st.config.allowSkipModules;
    if (!canFinish) {
        ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.mutedText);
        ImGui::TextWrapped("%s", c.str("module.answer_first").c_str());
        ImGui::PopStyleColor();
    }
    if (screen.status == flow::SaveStatus::Saving) ImGui::TextWrapped("%s", c.str("common.saving").c_str());
    if (screen.status == flow::SaveStatus::NotSaved) {
        ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.bad);
        ImGui::TextWrapped("! %s", c.str("common.not_saved").c_str());
        ImGui::PopStyleColor();
    }
    const Body b = endBody(c);
    const std::string primary =
        screen.status == flow::SaveStatus::NotSaved ? c.str("common.try_again") : c.str("module.finish");
    if (bottomBar(c, b, true, primary, canFinish && screen.status != flow::SaveStatus::Saving))
        c.emit(flow::CompleteModule{});
}

}  // namespace kiosk::ui::detail
