// Officer mode as kiosk/main drives it: the state, the effect runner, and each effect's result events fed
// back into the reducer until nothing more is asked. Layer: kiosk/app.
#pragma once

#include "kiosk/app/officer_effects.hpp"

namespace kiosk::app {

class OfficerMode {
public:
    OfficerMode(records::Store* store, std::optional<config::PurposeKey> pinPepper,
                const std::vector<content::Module>& modules, std::function<void()> wipe, AdminServices admin);
    const flow::OfficerState& state() const { return m_state; }
    bool active() const { return m_state.active; }
    // Reduces `event`, runs the effects it asks for and reduces their results, in order.
    void send(const flow::OfficerEvent& event);

private:
    flow::OfficerState m_state;
    OfficerEffectRunner m_runner;
};

}  // namespace kiosk::app
