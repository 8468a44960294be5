// Officer mode's event loop step: reduce, run effects, feed results back. Layer: kiosk/app.
#include "kiosk/app/officer_mode.hpp"

#include "kiosk/officer/pin.hpp"

namespace kiosk::app {

OfficerMode::OfficerMode(records::Store* store, std::optional<config::PurposeKey> pinPepper,
                         const std::vector<content::Module>& modules, std::function<void()> wipe, AdminServices admin)
    : m_state(flow::initialOfficerState(makeOfficerConfig(modules))),
      m_runner(store, std::move(pinPepper), modules, std::move(wipe), std::move(admin)) {}

void OfficerMode::send(const flow::OfficerEvent& event) {
    auto step = flow::reduceOfficer(std::move(m_state), event);
    m_state = std::move(step.state);
    std::vector<flow::OfficerEffect> pending = std::move(step.effects);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        auto results = m_runner.run(pending[i]);
        if (auto* verify = std::get_if<flow::VerifyPin>(&pending[i])) officer::wipe(verify->pin);  // the last copy
        for (auto& result : results) {
            auto next = flow::reduceOfficer(std::move(m_state), result);
            m_state = std::move(next.state);
            for (auto& e : next.effects) pending.push_back(std::move(e));
        }
    }
}

}  // namespace kiosk::app
