// Running officer mode's effects against the attendance store and the authenticator; results come back
// as OfficerEvents carrying plain data. Layer: kiosk/app (no ImGui, SDL or libharu).
#pragma once

#include "content/document.hpp"
#include "kiosk/config/secrets.hpp"
#include "kiosk/app/officer_admin_effects.hpp"
#include "kiosk/flow/officer.hpp"
#include "kiosk/records/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

// The flow's officer config for a course (module ids and their questions, the auto-lock time).
flow::OfficerConfig makeOfficerConfig(const std::vector<content::Module>& modules);

// Knowledge checks and scenarios answered right, of those answered, for one candidate's saved progress.
struct CheckSummary {
    int right = 0;
    int answered = 0;
};
CheckSummary summariseChecks(const std::vector<content::Module>& modules,
                             const std::vector<records::ModuleProgress>& progress);

// Not thread-safe; the store (and everything in `admin`) must outlive the runner. Without a store every
// action reports that there is no attendance store.
class OfficerEffectRunner {
public:
    // `pinPepper`: the installation's PIN pepper (config::KeyPurpose::PinPepper); without it every PIN
    // attempt is refused as "officer mode unavailable" before any PIN is checked. `modules`: the course (for
    // "x of 8" and knowledge-check summaries); `wipe` forgets ImGui's copies of typed text. `admin` is
    // handed to runAdminEffect for the admin pages' effects.
    OfficerEffectRunner(records::Store* store, std::optional<config::PurposeKey> pinPepper,
                        std::vector<content::Module> modules, std::function<void()> wipe, AdminServices admin = {});
    std::vector<flow::OfficerEvent> run(const flow::OfficerEffect& effect);
    AdminServices& admin() { return m_admin; }

private:
    records::TimePoint now() const;
    std::vector<flow::OfficerEvent> loadRoster(const flow::LoadRoster& e);

    records::Store* m_store;
    std::optional<config::PurposeKey> m_pinPepper;
    std::vector<content::Module> m_modules;
    std::function<void()> m_wipe;
    AdminServices m_admin;
};

}  // namespace kiosk::app
