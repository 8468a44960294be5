// Running the journey's effects against the attendance store, and the flow Config for a course and force.
// Layer: kiosk/app (flow + records + content; no ImGui, SDL or libharu). Used by kiosk/main and the UI tests.
#pragma once

#include "content/course.hpp"
#include "content/document.hpp"
#include "content/force_profile.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/records/store.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::app {

// The journey's settings: force profile defaults, overridden by officer settings in the store
// ("idle_timeout_seconds", "idle_countdown_seconds", "first_language", "allow_skip_modules") when present.
flow::Config makeFlowConfig(const content::ForceProfile& force, const std::vector<content::Module>& modules,
                            const records::Store* store);

// A fresh random token seed (32 hex digits) for the journey's idempotency tokens.
std::string randomTokenSeed();

// Carries out effects and returns the result events to feed back into reduce, in order.
// Not thread-safe; the store must outlive the runner. Without a store every save reports NotSaved.
class EffectRunner {
public:
    EffectRunner(records::Store* store, std::string printDestination, std::function<void()> wipe);
    std::vector<flow::Event> run(const flow::Effect& effect);

private:
    records::Store* m_store;
    std::string m_printDestination;
    std::function<void()> m_wipe;
};

// THE print hook: enqueues the candidate's pack in the store's print queue and reports PrintQueued, or
// PrintFailed when it could not be queued. The lead plugs the PDF renderer and the printer in here.
flow::Event requestPrintPack(records::Store* store, const flow::PrintPack& request, const std::string& destination);

}  // namespace kiosk::app
