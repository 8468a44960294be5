// SIGTERM/SIGINT -> a flag the main loop polls. Layer: kiosk/platform.
#include "kiosk/platform/termination.hpp"

#include <SDL.h>

#include <atomic>
#include <csignal>

namespace kiosk::platform {
namespace {

std::atomic<bool> gTerminate{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void onTerminate(int) { gTerminate.store(true, std::memory_order_relaxed); }

}  // namespace

void installTerminationHandlers() {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction sa {};
    sa.sa_handler = onTerminate;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
}

bool terminationRequested() noexcept { return gTerminate.load(std::memory_order_relaxed); }

}  // namespace kiosk::platform
