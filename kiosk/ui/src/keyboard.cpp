// The on-screen keyboard (QWERTY, shift, accents page with Welsh and common European letters, space,
// delete) and the labelled text boxes it types into. Layer: kiosk/ui.
#include "chrome.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace kiosk::ui::detail {
namespace {

using Key = std::pair<const char*, const char*>;  // lower case, upper case

const std::vector<std::vector<Key>> kLetters = {
    {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"0", "0"}},
    {{"q", "Q"}, {"w", "W"}, {"e", "E"}, {"r", "R"}, {"t", "T"}, {"y", "Y"}, {"u", "U"}, {"i", "I"}, {"o", "O"}, {"p", "P"}},
    {{"a", "A"}, {"s", "S"}, {"d", "D"}, {"f", "F"}, {"g", "G"}, {"h", "H"}, {"j", "J"}, {"k", "K"}, {"l", "L"}, {"'", "'"}},
    {{"z", "Z"}, {"x", "X"}, {"c", "C"}, {"v", "V"}, {"b", "B"}, {"n", "N"}, {"m", "M"}, {",", ","}, {".", "."}, {"-", "-"}, {"@", "@"}},
};

// Welsh first (the to bach), then the common European letters.
const std::vector<std::vector<Key>> kAccents = {
    {{"â", "Â"}, {"ê", "Ê"}, {"î", "Î"}, {"ô", "Ô"}, {"û", "Û"}, {"ŵ", "Ŵ"}, {"ŷ", "Ŷ"}},
    {{"á", "Á"}, {"é", "É"}, {"í", "Í"}, {"ó", "Ó"}, {"ú", "Ú"}, {"à", "À"}, {"è", "È"}, {"ò", "Ò"}},
    {{"ä", "Ä"}, {"ë", "Ë"}, {"ï", "Ï"}, {"ö", "Ö"}, {"ü", "Ü"}, {"ç", "Ç"}, {"ñ", "Ñ"}, {"ł", "Ł"}, {"ø", "Ø"}, {"å", "Å"}},
    {{"+", "+"}, {"(", "("}, {")", ")"}, {"&", "&"}, {"/", "/"}, {"_", "_"}},
};

constexpr float kKeyEm = 2.6f;
constexpr float kGapEm = 0.3f;

const char* fieldProbe(flow::Field f) {
    switch (f) {
        case flow::Field::Name: return "field:name";
        case flow::Field::Constituency: return "field:constituency";
        case flow::Field::Email: return "field:email";
        case flow::Field::Phone: return "field:phone";
        case flow::Field::PlanPartner: return "field:plan-partner";
        case flow::Field::PlanWhoKnows: return "field:plan-who-knows";
        case flow::Field::PlanCheckInTimes: return "field:plan-check-in-times";
        case flow::Field::PlanLockDown: return "field:plan-lock-down";
    }
    return "field";
}

const char* problemKey(flow::FieldProblem p) {
    switch (p) {
        case flow::FieldProblem::Empty: return "checkin.problem_empty";
        case flow::FieldProblem::TooLong: return "checkin.problem_too_long";
        case flow::FieldProblem::InvalidText: return "checkin.problem_invalid";
        case flow::FieldProblem::BadEmail: return "checkin.problem_email";
        case flow::FieldProblem::BadPhone: return "checkin.problem_phone";
        case flow::FieldProblem::Unprintable: return "checkin.problem_unprintable";
        case flow::FieldProblem::None: break;
    }
    return "";
}

}  // namespace

std::optional<KeyPress> drawKeys(const View& view, const content::Catalog& s, bool shift, bool accents, float width) {
    const float em = view.em();
    std::optional<KeyPress> out;
    const auto press = [&](KeyPress k) {
        if (!out) out = std::move(k);
    };
    const auto& rows = accents ? kAccents : kLetters;
    const float rowStart = ImGui::GetCursorPosX();
    ImGui::PushID("keyboard");
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {kGapEm * em, kGapEm * em});
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const float rowW = static_cast<float>(row.size()) * (kKeyEm + kGapEm) * em - kGapEm * em;
        ImGui::SetCursorPosX(rowStart + std::max(0.0f, (width - rowW) * 0.5f));
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (k > 0) ImGui::SameLine(0.0f, kGapEm * em);
            const char* text = shift ? row[k].second : row[k].first;
            ImGui::PushID(static_cast<int>(r * 32 + k));
            if (touchButton(view, std::string(text) + "##k", kKeyEm, ButtonStyle::Secondary, false,
                            std::string("key:") + row[k].first))
                press({KeyPress::Text, text});
            ImGui::PopID();
        }
    }
    // Bottom row: shift, letters/accents, space, delete.
    const float specials[4] = {8.0f, 4.0f, 12.0f, 6.5f};
    const float rowW = (specials[0] + specials[1] + specials[2] + specials[3] + 3 * kGapEm) * em;
    ImGui::SetCursorPosX(rowStart + std::max(0.0f, (width - rowW) * 0.5f));
    if (touchButton(view, s.get("keyboard.shift") + "##shift", specials[0], ButtonStyle::Secondary, shift, "key:shift"))
        press({KeyPress::Shift, {}});
    ImGui::SameLine(0.0f, kGapEm * em);
    const std::string page = accents ? s.get("keyboard.letters") : s.get("keyboard.accents");
    if (touchButton(view, page + "##accents", specials[1], ButtonStyle::Secondary, false, "key:accents"))
        press({KeyPress::Accents, {}});
    ImGui::SameLine(0.0f, kGapEm * em);
    if (touchButton(view, s.get("keyboard.space") + "##space", specials[2], ButtonStyle::Secondary, false, "key:space"))
        press({KeyPress::Text, " "});
    ImGui::SameLine(0.0f, kGapEm * em);
    if (touchButton(view, s.get("keyboard.backspace") + "##backspace", specials[3], ButtonStyle::Secondary, false,
                    "key:backspace"))
        press({KeyPress::Backspace, {}});
    ImGui::PopStyleVar();
    ImGui::PopID();
    return out;
}

float keyboardHeightEm() { return 5.0f * 2.0f + 4.0f * kGapEm; }

void drawKeyboard(Ctx& c, float width) {
    const auto& cand = c.state.candidate;
    const auto key = drawKeys(c.view, c.s, cand.shift, cand.accents, width);
    if (!key) return;
    switch (key->kind) {
        case KeyPress::Text: c.emit(flow::KeyText{key->text}); break;
        case KeyPress::Shift: c.emit(flow::ToggleShift{}); break;
        case KeyPress::Accents: c.emit(flow::ToggleAccents{}); break;
        case KeyPress::Backspace: c.emit(flow::KeyBackspace{}); break;
    }
}

void fieldBox(Ctx& c, flow::Field field, const char* labelKey, float widthEm, float labelHeight) {
    const auto& cand = c.state.candidate;
    const bool focused = cand.focus == field;
    ImGui::BeginGroup();
    ImGui::PushFont(c.view.fonts.bold);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthEm * c.em());
    const float labelTop = ImGui::GetCursorPosY();
    ImGui::TextUnformatted(c.str(labelKey).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (labelHeight > 0.0f) ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), labelTop + labelHeight));
    const std::string id = std::string("##") + fieldProbe(field);
    const auto r = textField(c.view, id, flow::fieldText(c.state, field), widthEm, focused, fieldProbe(field));
    if (r.changed) c.emit(flow::EditField{field, *r.changed});
    else if (r.activated && !focused) c.emit(flow::FocusField{field});
    if (auto it = cand.problems.find(field); it != cand.problems.end() && it->second != flow::FieldProblem::None) {
        // Said in words with a sign, not by colour alone.
        ImGui::PushStyleColor(ImGuiCol_Text, c.view.theme.bad);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthEm * c.em());
        ImGui::TextUnformatted(("! " + c.str(problemKey(it->second))).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        recordItem(c.view, std::string("problem:") + (fieldProbe(field) + 6));
    }
    ImGui::EndGroup();
}

}  // namespace kiosk::ui::detail
