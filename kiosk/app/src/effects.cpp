// Effects of the journey carried out against the attendance store. Layer: kiosk/app.
#include "kiosk/app/effects.hpp"

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

std::optional<int> settingInt(const records::Store* store, const char* key) {
    if (!store) return std::nullopt;
    const auto v = store->setting(key);
    if (!v) return std::nullopt;
    int n = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), n);
    if (r.ec != std::errc() || n <= 0) return std::nullopt;
    return n;
}

}  // namespace

flow::Config makeFlowConfig(const content::ForceProfile& force, const std::vector<content::Module>& modules,
                            const records::Store* store) {
    flow::Config c;
    c.firstLanguage = force.defaults.firstLanguage;
    c.idleTimeout = std::chrono::seconds(settingInt(store, "idle_timeout_seconds").value_or(force.defaults.idleTimeoutSeconds));
    c.idleCountdown =
        std::chrono::seconds(settingInt(store, "idle_countdown_seconds").value_or(force.defaults.idleCountdownSeconds));
    c.retentionDays = force.defaults.retentionDays;
    c.noticeVersion = force.privacy.noticeVersion;
    if (store) {
        if (auto lang = store->setting("first_language"); lang && (*lang == "en-GB" || *lang == "cy"))
            c.firstLanguage = *lang;
        if (auto skip = store->setting("allow_skip_modules")) c.allowSkipModules = *skip == "true" || *skip == "1";
    }
    for (const auto& m : modules) {
        flow::ModuleInfo info{m.id, {}};
        for (const auto& b : m.blocks) {
            if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) info.questions.push_back(k->id);
            if (const auto* s = std::get_if<content::Scenario>(&b)) info.questions.push_back(s->id);
        }
        c.modules.push_back(std::move(info));
    }
    return c;
}

std::string randomTokenSeed() {
    std::string u = records::uuidV4();
    u.erase(std::remove(u.begin(), u.end(), '-'), u.end());
    return u;
}

EffectRunner::EffectRunner(records::Store* store, std::string printDestination, std::function<void()> wipe)
    : m_store(store), m_printDestination(std::move(printDestination)), m_wipe(std::move(wipe)) {}

flow::Event requestPrintPack(records::Store* store, const flow::PrintPack& request, const std::string& destination) {
    if (!store) return flow::PrintFailed{"no attendance store"};
    try {
        store->enqueuePrint(request.candidateId, destination);
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
                return {requestPrintPack(m_store, e, m_printDestination)};
            },
        },
        effect);
}

}  // namespace kiosk::app
