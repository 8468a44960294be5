// Journey states for the screen gallery, reached by reducing events. Layer: kiosk/app.
#include "kiosk/app/gallery.hpp"

namespace kiosk::app {
namespace {

flow::State apply(flow::State s, const std::vector<flow::Event>& events) {
    for (const auto& e : events) s = flow::reduce(std::move(s), e).state;
    return s;
}

}  // namespace

std::vector<GalleryShot> galleryShots(const flow::Config& config, const std::vector<content::Module>& modules,
                                      const std::string& lang, bool highContrast) {
    using namespace flow;
    std::vector<GalleryShot> out;
    State s = initialState(config);
    s.tokenSeed = "0123456789abcdef0123456789abcdef";
    const bool welsh = lang == "cy";
    s = apply(s, {Touch{}, SetHighContrast{highContrast}});
    out.push_back({"attract", [&] {
                       State a = initialState(config);
                       return a;
                   }()});
    if (config.languages.size() > 1) out.push_back({"language", s});  // a one-language course skips it
    s = apply(s, {StartIn{lang}, SetHighContrast{highContrast}});
    out.push_back({"privacy", s});
    s = apply(s, {AcceptPrivacy{}, FocusField{Field::Name}});
    out.push_back({"check-in-empty", apply(s, {ConfirmCheckIn{}})});
    s = apply(s, {EditField{Field::Name, welsh ? "Siân Ŵyn ap Dafydd" : "Zoë Brontë-Smith"},
                  EditField{Field::Constituency, welsh ? "Dwyfor Meirionnydd" : "Bristol Central"},
                  EditField{Field::Email, "candidate@example.org"}});
    out.push_back({"check-in", s});
    State saving = reduce(s, ConfirmCheckIn{}).state;
    out.push_back({"check-in-not-saved", apply(saving, {NotSaved{"disk full"}})});
    s = apply(saving, {CheckInSaved{"00000000-0000-4000-8000-000000000001"}});
    s = apply(s, {ModuleSaved{config.modules.empty() ? std::string() : config.modules[0].id}});
    out.push_back({"modules", s});
    // The first module with a knowledge check, one answered wrongly and, if there is a second, one rightly.
    for (std::size_t i = 0; i < modules.size() && i < config.modules.size(); ++i) {
        std::vector<const content::KnowledgeCheck*> checks;
        for (const auto& b : modules[i].blocks)
            if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) checks.push_back(k);
        if (checks.empty()) continue;
        State m = s;
        m.config.allowSkipModules = true;  // the gallery may open any module
        m = apply(m, {OpenModule{static_cast<int>(i)}});
        out.push_back({"module", m});
        const auto* k = checks.front();
        m = apply(m, {Answer{k->id, (k->correct + 1) % static_cast<int>(std::max<std::size_t>(1, k->options.size()))}});
        if (checks.size() > 1) m = apply(m, {Answer{checks[1]->id, checks[1]->correct}});
        out.push_back({"module-answered", m});
        break;
    }
    State plan = s;
    plan.config.allowSkipModules = true;
    plan = apply(plan, {ToSafetyPlan{}, FocusField{Field::PlanPartner},
                        EditField{Field::PlanPartner, welsh ? "Gwenllian, fy asiant" : "Priya, my agent"},
                        EditField{Field::PlanCheckInTimes, welsh ? "Bob awr" : "Every hour"}});
    out.push_back({"safety-plan", plan});
    State review = apply(plan, {ToReview{}});
    out.push_back({"review", review});
    State printing = apply(review, {SetLargePrint{true}, RequestPrint{}});
    out.push_back({"review-printing", printing});
    out.push_back({"review-printed", apply(printing, {PrintQueued{}})});
    out.push_back({"review-print-failed", apply(printing, {PrintFailed{"printer offline"}})});
    out.push_back({"done", apply(printing, {PrintQueued{}, Finish{}})});
    State idle = review;
    idle = reduce(idle, Tick{idle.config.idleTimeout + std::chrono::seconds(3)}).state;
    out.push_back({"still-there", idle});
    if (highContrast)
        for (auto& shot : out) shot.state.candidate.highContrast = true;
    return out;
}

}  // namespace kiosk::app
