// Officer mode's event loop step: reduce, run effects, feed results back. Layer: kiosk/app.
#include "kiosk/app/officer_mode.hpp"

namespace kiosk::app {

OfficerMode::OfficerMode(records::Store* store, const std::vector<content::Module>& modules, std::function<void()> wipe,
                         AdminServices admin)
    : m_state(flow::initialOfficerState(makeOfficerConfig(modules))),
      m_runner(store, modules, std::move(wipe), std::move(admin)) {}

void OfficerMode::send(const flow::OfficerEvent& event) {
    auto step = flow::reduceOfficer(std::move(m_state), event);
    m_state = std::move(step.state);
    std::vector<flow::OfficerEffect> pending = std::move(step.effects);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        for (auto& result : m_runner.run(pending[i])) {
            auto next = flow::reduceOfficer(std::move(m_state), result);
            m_state = std::move(next.state);
            for (auto& e : next.effects) pending.push_back(std::move(e));
        }
    }
}

}  // namespace kiosk::app
