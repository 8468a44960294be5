// The journey reducer. Layer: kiosk/flow (pure).
#include "kiosk/flow/journey.hpp"

namespace kiosk::flow {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

Step backToStart(State s) {
    s.screen = Attract{};
    s.lang = s.config.firstLanguage;
    s.idle = Millis{0};
    return {std::move(s), {WipeCandidate{}}};
}

}  // namespace

State initialState(const Config& config) {
    State s;
    s.config = config;
    s.lang = config.firstLanguage;
    return s;
}

bool needsTicks(const State& state) { return !std::holds_alternative<Attract>(state.screen); }

Step reduce(State s, const Event& event) {
    return std::visit(
        Overloaded{
            [&](const Touch&) -> Step {
                s.idle = Millis{0};
                if (std::holds_alternative<Attract>(s.screen)) s.screen = ChooseLanguage{};
                return {std::move(s), {}};
            },
            [&](const PickLanguage& e) -> Step {
                s.idle = Millis{0};
                if (e.lang == "en-GB" || e.lang == "cy") s.lang = e.lang;
                return {std::move(s), {}};
            },
            [&](const Back&) -> Step {
                if (std::holds_alternative<ChooseLanguage>(s.screen)) return backToStart(std::move(s));
                s.idle = Millis{0};
                return {std::move(s), {}};
            },
            [&](const UserActivity&) -> Step {
                s.idle = Millis{0};
                return {std::move(s), {}};
            },
            [&](const Tick& t) -> Step {
                if (!needsTicks(s)) return {std::move(s), {}};
                s.idle += t.elapsed;
                if (s.idle >= s.config.idleTimeout) return backToStart(std::move(s));
                return {std::move(s), {}};
            },
        },
        event);
}

}  // namespace kiosk::flow
