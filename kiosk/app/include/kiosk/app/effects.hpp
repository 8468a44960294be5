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

// What the flow needs of each module: its id and the ids of its knowledge checks and scenarios, in order.
std::vector<flow::ModuleInfo> moduleInfos(const std::vector<content::Module>& modules);

// The journey's settings: force profile defaults, overridden by the officer settings in the store
// (kiosk::officer::loadSettings) when there is a store.
flow::Config makeFlowConfig(const content::ForceProfile& force, const std::vector<content::Module>& modules,
                            const records::Store* store, std::vector<std::string> languages = {"en-GB", "cy"});

// A fresh random token seed (32 hex digits) for the journey's idempotency tokens.
std::string randomTokenSeed();

// Carries out effects and returns the result events to feed back into reduce, in order.
// Not thread-safe; the store must outlive the runner. Without a store every save reports NotSaved.
class EffectRunner {
public:
    // `printQueued` is called after a pack was queued (the kiosk wakes its print worker).
    EffectRunner(records::Store* store, std::string printDestination, std::function<void()> wipe,
                 std::function<void()> printQueued = {});
    std::vector<flow::Event> run(const flow::Effect& effect);

private:
    records::Store* m_store;
    std::string m_printDestination;
    std::function<void()> m_wipe;
    std::function<void()> m_printQueued;
};

// Enqueues the candidate's pack (with its options: language, large print, plan in or out) in the store's
// print queue and reports PrintQueued, or PrintFailed when it could not be queued. The kiosk's print
// worker renders and prints it; a printer fault comes back later as PrintFailed.
flow::Event requestPrintPack(records::Store* store, const flow::PrintPack& request, const std::string& destination);

}  // namespace kiosk::app
