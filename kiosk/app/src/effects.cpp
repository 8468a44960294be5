// Effects of the journey carried out against the attendance store. Layer: kiosk/app.
#include "kiosk/app/effects.hpp"

#include "kiosk/officer/settings.hpp"
#include "kiosk/packs/packs.hpp"
#include "print/font_coverage.hpp"
#include "kiosk/records/clock.hpp"

#include <algorithm>
#include <charconv>

namespace kiosk::app {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

std::vector<records::Answer> toAnswers(const std::vector<std::pair<std::string, std::string>>& in) {
    std::vector<records::Answer> out;
    for (const auto& [q, a] : in) out.push_back({q, a});
    return out;
}


}  // namespace

std::vector<flow::ModuleInfo> moduleInfos(const std::vector<content::Module>& modules) {
    std::vector<flow::ModuleInfo> out;
    for (const auto& m : modules) {
        flow::ModuleInfo info{m.id, {}};
        for (const auto& b : m.blocks) {
            if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) info.questions.push_back(k->id);
            if (const auto* s = std::get_if<content::Scenario>(&b)) info.questions.push_back(s->id);
        }
        out.push_back(std::move(info));
    }
    return out;
}

flow::Config makeFlowConfig(const content::ForceProfile& force, const std::vector<content::Module>& modules,
                            const records::Store* store, std::vector<std::string> languages) {
    flow::Config c;
    c.firstLanguage = force.defaults.firstLanguage;
    c.idleTimeout = std::chrono::seconds(force.defaults.idleTimeoutSeconds);
    c.idleCountdown = std::chrono::seconds(force.defaults.idleCountdownSeconds);
    c.retentionDays = force.defaults.retentionDays;
    c.noticeVersion = force.privacy.noticeVersion;
    c.printable = [](std::string_view text) { return print::unsupportedCharacters(text).empty(); };
    if (store) {
        // Officer settings override the force profile's defaults (unreadable stored values fall back to them).
        const auto officer = officer::loadSettings(*store, force).settings;
        c.firstLanguage = officer.firstLanguage;
        c.idleTimeout = std::chrono::seconds(officer.idleTimeoutSeconds);
        c.idleCountdown = std::chrono::seconds(officer.idleCountdownSeconds);
        c.allowSkipModules = officer.allowSkippingModules;
    }
    c.modules = moduleInfos(modules);
    if (!languages.empty()) c.languages = std::move(languages);
    // A first language the course does not have (Welsh set for an English-only course) cannot be offered.
    if (!flow::offersLanguage(c, c.firstLanguage)) c.firstLanguage = c.languages.front();
    return c;
}

std::string randomTokenSeed() {
    std::string u = records::uuidV4();
    u.erase(std::remove(u.begin(), u.end(), '-'), u.end());
    return u;
}

EffectRunner::EffectRunner(records::Store* store, std::string printDestination, std::function<void()> wipe,
                           std::function<void()> printQueued)
    : m_store(store),
      m_printDestination(std::move(printDestination)),
      m_wipe(std::move(wipe)),
      m_printQueued(std::move(printQueued)) {}

flow::Event requestPrintPack(records::Store* store, const flow::PrintPack& request, const std::string& destination) {
    if (!store) return flow::PrintFailed{"no attendance store"};
    try {
        packs::PackOptions options;
        options.language = request.lang;
        options.largePrint = request.largePrint;
        options.includePlan = request.includePlan;
        store->enqueuePrint(request.candidateId, destination, options.encode());
        return flow::PrintQueued{};
    } catch (const std::exception& e) {
        return flow::PrintFailed{e.what()};
    }
}

std::vector<flow::Event> EffectRunner::run(const flow::Effect& effect) {
    const auto notSaved = [](const std::string& why) { return std::vector<flow::Event>{flow::NotSaved{why}}; };
    return std::visit(
        Overloaded{
            [&](const flow::WipeCandidate&) -> std::vector<flow::Event> {
                if (m_wipe) m_wipe();
                return {};
            },
            [&](const flow::CommitCheckIn& e) -> std::vector<flow::Event> {
                if (!m_store) return notSaved("no attendance store");
                records::CheckInInput in;
                in.name = e.name;
                in.constituency = e.constituency;
                in.email = e.email;
                in.phone = e.phone;
                in.language = e.lang;
                in.consent = records::Consent{e.noticeVersion, {}};
                in.token = e.token;
                try {
                    return {flow::CheckInSaved{m_store->checkIn(in).candidateId}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SaveModule& e) -> std::vector<flow::Event> {
                if (!m_store) return notSaved("no attendance store");
                try {
                    m_store->recordModuleCompleted(e.candidateId, e.moduleId, toAnswers(e.answers));
                    return {flow::ModuleSaved{e.moduleId}};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::SavePlan& e) -> std::vector<flow::Event> {
                if (!m_store) return notSaved("no attendance store");
                try {
                    m_store->saveSafetyPlan(e.candidateId, toAnswers(e.answers), e.keep);
                    return {};
                } catch (const std::exception& ex) {
                    return notSaved(ex.what());
                }
            },
            [&](const flow::PrintPack& e) -> std::vector<flow::Event> {
                auto result = requestPrintPack(m_store, e, m_printDestination);
                if (std::holds_alternative<flow::PrintQueued>(result) && m_printQueued) m_printQueued();
                return {std::move(result)};
            },
        },
        effect);
}

}  // namespace kiosk::app
