// SIGTERM/SIGINT handling for the kiosk: a request to stop (from systemd or a terminal) ends the main loop
// cleanly, while a window-close request (Alt+F4) stays an ordinary event the kiosk may ignore.
// Layer: kiosk/platform.
#pragma once

namespace kiosk::platform {

// Installs the handlers and tells SDL to leave SIGTERM/SIGINT alone (otherwise SDL turns them into
// SDL_QUIT, which the kiosk ignores outside officer mode). Call before creating the Display.
void installTerminationHandlers();

// True once SIGTERM or SIGINT arrived. Async-signal-safe to set, cheap to read.
bool terminationRequested() noexcept;

}  // namespace kiosk::platform
