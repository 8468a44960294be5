// The candidate's screens after the language choice: privacy notice, check-in, module list, safety plan,
// review and print, done. Layer: kiosk/ui.
#include "chrome.hpp"
#include "content/text.hpp"

#include <imgui.h>

#include <algorithm>

namespace kiosk::ui::detail {
namespace {

void title(Ctx& c, const std::string& text) {
    ImGui::PushFont(c.view.fonts.heading);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

void para(Ctx& c, const std::string& text, const ImVec4* colour = nullptr) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour ? *colour : c.view.theme.text);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

struct FieldSpec {
    flow::Field field;
    const char* labelKey;
};

// Two labelled boxes side by side, tops aligned, the row as tall as the taller one.
void fieldPair(Ctx& c, FieldSpec left, FieldSpec right) {
    const float half = (kColumnEm - 1.0f) * 0.5f;
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::PushFont(c.view.fonts.bold);
    const float wrap = half * c.em();
    const float labelHeight =
        std::max(ImGui::CalcTextSize(c.str(left.labelKey).c_str(), nullptr, false, wrap).y,
                 ImGui::CalcTextSize(c.str(right.labelKey).c_str(), nullptr, false, wrap).y) +
        ImGui::GetStyle().ItemSpacing.y;
    ImGui::PopFont();
    fieldBox(c, left.field, left.labelKey, half, labelHeight);
    const float leftBottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos({start.x + (half + 1.0f) * c.em(), start.y});
    fieldBox(c, right.field, right.labelKey, half, labelHeight);
    const float rightBottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos({start.x, std::max(leftBottom, rightBottom)});
}

void saveStatus(Ctx& c, flow::SaveStatus status) {
    if (status == flow::SaveStatus::Saving) {
        para(c, c.str("common.saving"), &c.view.theme.mutedText);
        recordItem(c.view, "status:saving");
    }
    if (status == flow::SaveStatus::NotSaved) {
        ImGui::PushFont(c.view.fonts.bold);
        para(c, "! " + c.str("common.not_saved"), &c.view.theme.bad);
        ImGui::PopFont();
        recordItem(c.view, "status:not-saved");
    }
}

}  // namespace

void drawPrivacy(Ctx& c) {
    const auto& f = c.view.force;
    const std::string& lang = c.state.lang;
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("privacy.title"));
    const std::string force = f.name.in(lang);
    para(c, c.str("privacy.what"));
    para(c, fillIn(c.str("privacy.why"), {{"force", force}, {"basis", f.privacy.lawfulBasis.in(lang)}}));
    para(c, fillIn(c.str("privacy.who"), {{"force", force}}));
    ImGui::PushFont(c.view.fonts.bold);
    para(c, fillIn(c.str("privacy.how_long"), {{"days", std::to_string(c.state.config.retentionDays)}}));
    ImGui::PopFont();
    para(c, fillIn(c.str("privacy.controller"),
                   {{"controller", f.privacy.controller.in(lang)}, {"dpo", f.privacy.dpoContact.in(lang)}}),
         &c.view.theme.mutedText);
    para(c, c.str("privacy.nothing_yet"), &c.view.theme.mutedText);
    const Body b = endBody(c);
    if (bottomBar(c, b, true, c.str("privacy.accept"))) c.emit(flow::AcceptPrivacy{});
}

void drawCheckIn(Ctx& c, const flow::CheckIn& screen) {
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("checkin.title"));
    const bool done = !c.state.candidate.candidateId.empty();
    para(c, done ? c.str("checkin.already") : c.str("checkin.intro"), &c.view.theme.mutedText);
    fieldPair(c, {flow::Field::Name, "checkin.name"}, {flow::Field::Constituency, "checkin.constituency"});
    fieldPair(c, {flow::Field::Email, "checkin.email"}, {flow::Field::Phone, "checkin.phone"});
    saveStatus(c, screen.status);
    if (!done) {
        ImGui::Dummy({0, 0.2f * c.em()});
        drawKeyboard(c, kColumnEm * c.em());
    }
    const Body b = endBody(c);
    const std::string primary =
        screen.status == flow::SaveStatus::NotSaved ? c.str("common.try_again") : c.str("checkin.confirm");
    if (bottomBar(c, b, true, primary, screen.status != flow::SaveStatus::Saving)) c.emit(flow::ConfirmCheckIn{});
}

void drawModuleList(Ctx& c) {
    const auto& st = c.state;
    const auto* modules = c.view.modules(st.lang);
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("modules.title"));
    int done = 0;
    for (const auto& m : st.config.modules) done += flow::moduleCompleted(st, m.id) ? 1 : 0;
    const int total = static_cast<int>(st.config.modules.size());
    para(c, c.str("modules.intro") + " " +
                fillIn(c.str("modules.done_count"), {{"done", std::to_string(done)}, {"total", std::to_string(total)}}),
         &c.view.theme.mutedText);
    const float width = kColumnEm * c.em();
    for (int i = 0; i < total; ++i) {
        const auto& info = st.config.modules[static_cast<std::size_t>(i)];
        const content::Module* m = nullptr;
        if (modules && static_cast<std::size_t>(i) < modules->size()) m = &(*modules)[static_cast<std::size_t>(i)];
        const bool completed = flow::moduleCompleted(st, info.id);
        const bool openable = flow::moduleOpenable(st, i);
        const std::string status = completed ? c.str("modules.status_done")
                                   : openable ? c.str("modules.status_todo")
                                              : c.str("modules.status_locked");
        std::string text = std::to_string(i + 1) + ". " + (m ? m->title : info.id) + "\n";
        if (m) text += m->summary + "\n" + fillIn(c.str("modules.minutes"), {{"minutes", std::to_string(m->minutes)}}) + " · ";
        text += status;
        const bool primary = openable && !completed;
        if (wrapButton(c, text, "module:" + info.id, width, primary ? c.view.theme.accent : c.view.theme.secondary,
                       primary ? c.view.theme.onAccent : c.view.theme.onSecondary, completed ? &c.view.theme.good : nullptr) &&
            openable)
            c.emit(flow::OpenModule{i});
    }
    const bool canGoOn = st.config.allowSkipModules || flow::allModulesCompleted(st);
    if (!canGoOn) para(c, c.str("modules.finish_all_first"), &c.view.theme.mutedText);
    const Body b = endBody(c);
    if (bottomBar(c, b, true, c.str("modules.to_plan"), canGoOn)) c.emit(flow::ToSafetyPlan{});
}

void drawSafetyPlan(Ctx& c) {
    const auto& cand = c.state.candidate;
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("plan.title"));
    para(c, c.str("plan.intro"), &c.view.theme.mutedText);
    fieldPair(c, {flow::Field::PlanPartner, "plan.partner"}, {flow::Field::PlanWhoKnows, "plan.who_knows"});
    fieldPair(c, {flow::Field::PlanCheckInTimes, "plan.check_in_times"}, {flow::Field::PlanLockDown, "plan.lock_down"});
    const float w = kColumnEm * c.em();
    // The keyboard sits right under the boxes while one of them is being filled in; the choices follow.
    const bool typing = cand.focus && *cand.focus != flow::Field::Name && *cand.focus != flow::Field::Constituency &&
                        *cand.focus != flow::Field::Email && *cand.focus != flow::Field::Phone;
    ImGui::Dummy({0, 0.2f * c.em()});
    if (typing) {
        drawKeyboard(c, w);
        ImGui::Dummy({0, 0.4f * c.em()});
    }
    if (wrapButton(c, (cand.keepPlan ? "✓ " : "") + c.str("plan.keep"), "plan:keep", w * 0.5f - 0.3f * c.em(),
                   c.view.theme.secondary, c.view.theme.onSecondary, cand.keepPlan ? &c.view.theme.focus : nullptr))
        c.emit(flow::SetKeepPlan{true});
    ImGui::SameLine(0.0f, 0.6f * c.em());
    if (wrapButton(c, (!cand.keepPlan ? "✓ " : "") + c.str("plan.print_only"), "plan:print-only",
                   w * 0.5f - 0.3f * c.em(), c.view.theme.secondary, c.view.theme.onSecondary,
                   !cand.keepPlan ? &c.view.theme.focus : nullptr))
        c.emit(flow::SetKeepPlan{false});
    if (wrapButton(c, (cand.planInPack ? "✓ " : "") + c.str("plan.in_pack"), "plan:in-pack", w,
                   c.view.theme.secondary, c.view.theme.onSecondary, cand.planInPack ? &c.view.theme.focus : nullptr))
        c.emit(flow::SetPlanInPack{!cand.planInPack});
    const Body b = endBody(c);
    if (bottomBar(c, b, true, c.str("plan.continue"))) c.emit(flow::ToReview{});
}

void drawReview(Ctx& c) {
    const auto& st = c.state;
    const auto& cand = st.candidate;
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("review.title"));
    const auto row = [&](const char* key, const std::string& value) {
        ImGui::PushFont(c.view.fonts.bold);
        ImGui::TextUnformatted((c.str(key) + ":").c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        para(c, value);
    };
    row("review.name", content::text::repairUtf8(flow::fieldText(st, flow::Field::Name)));
    row("review.constituency", content::text::repairUtf8(flow::fieldText(st, flow::Field::Constituency)));
    row("review.modules", std::to_string(cand.completed.size()) + " / " + std::to_string(st.config.modules.size()));
    bool anyPlan = false;
    for (auto f : {flow::Field::PlanPartner, flow::Field::PlanWhoKnows, flow::Field::PlanCheckInTimes,
                   flow::Field::PlanLockDown})
        anyPlan = anyPlan || flow::validateField(flow::Field::Name, flow::fieldText(st, f)) != flow::FieldProblem::Empty;
    row("review.plan", !anyPlan             ? c.str("review.plan_none")
                       : !cand.planInPack   ? c.str("review.plan_not_in_pack")
                       : cand.keepPlan      ? c.str("review.plan_kept")
                                            : c.str("review.plan_print_only"));
    ImGui::Dummy({0, 0.4f * c.em()});
    const bool printing = cand.print == flow::PrintStatus::Printing;
    if (touchButton(c.view, (cand.largePrint ? "✓ " : "") + c.str("review.large_print") + "##large", 12.0f,
                    ButtonStyle::Secondary, cand.largePrint, "large-print"))
        c.emit(flow::SetLargePrint{!cand.largePrint});
    ImGui::SameLine(0.0f, 1.0f * c.em());
    ImGui::PushFont(c.view.fonts.bold);
    if (touchButton(c.view, c.str("review.print"), 14.0f, printing ? ButtonStyle::Secondary : ButtonStyle::Primary) &&
        !printing)
        c.emit(flow::RequestPrint{});
    ImGui::PopFont();
    ImGui::Dummy({0, 0.2f * c.em()});
    switch (cand.print) {
        case flow::PrintStatus::Printing:
            para(c, c.str("review.printing"));
            recordItem(c.view, "status:printing");
            break;
        case flow::PrintStatus::Queued:
            ImGui::PushFont(c.view.fonts.bold);
            para(c, "✓ " + c.str("review.queued"), &c.view.theme.good);
            ImGui::PopFont();
            recordItem(c.view, "status:queued");
            break;
        case flow::PrintStatus::Failed:
            ImGui::PushFont(c.view.fonts.bold);
            para(c, "! " + c.str("review.failed"), &c.view.theme.bad);
            ImGui::PopFont();
            recordItem(c.view, "status:print-failed");
            break;
        case flow::PrintStatus::NotRequested: break;
    }
    para(c, c.str("review.no_email"), &c.view.theme.mutedText);
    recordItem(c.view, "status:no-email");
    const Body b = endBody(c);
    // Printing is the main action here; Finish becomes the main one once the pack is on its way.
    if (bottomBar(c, b, !printing, c.str("review.finish"), !printing, cand.print == flow::PrintStatus::Queued))
        c.emit(flow::Finish{});
}

void drawDone(Ctx& c) {
    const auto& f = c.view.force;
    drawHeader(c, true);
    drawProgress(c);
    beginBody(c);
    title(c, c.str("done.title"));
    para(c, c.str("done.body"));
    ImGui::PushFont(c.view.fonts.bold);
    para(c, fillIn(c.str("done.emergency"),
                   {{"emergency", f.reporting.emergency}, {"relay", f.reporting.textRelayEmergency}}));
    ImGui::PopFont();
    para(c, fillIn(c.str("done.non_emergency"),
                   {{"non_emergency", f.reporting.nonEmergency}, {"url", f.reporting.onlineUrl}}));
    para(c, fillIn(c.str("done.sms"), {{"number", f.reporting.emergencySms}}));
    // Both named contacts, each with its hours, and plainly not for emergencies.
    const std::string& lang = c.state.lang;
    for (const auto* contact : {&f.spoc, &f.feoa}) {
        if (contact->name.en.empty()) continue;
        para(c, fillIn(c.str("done.contact"), {{"role", contact->role.in(lang)},
                                               {"name", contact->name.in(lang)},
                                               {"phone", contact->phone},
                                               {"hours", contact->hours.in(lang)}}));
    }
    para(c, c.str("done.not_for_emergencies"), &c.view.theme.mutedText);
    const Body b = endBody(c);
    if (bottomBar(c, b, true, c.str("done.start_again"))) c.emit(flow::StartAgain{});
}

}  // namespace kiosk::ui::detail
