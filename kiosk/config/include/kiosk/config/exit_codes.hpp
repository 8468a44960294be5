// Exit codes shared by `briefing` and `briefing-kiosk` (see INTERFACES.md). None is 128 or above.
// Layer: kiosk/config.
#pragma once

namespace kiosk::config {

enum ExitCode : int {
    kExitOk = 0,
    kExitInvalidInput = 1,  // invalid input or content; the message names the file or field
    kExitUsage = 2,         // unknown flag, missing argument
    kExitEnvironment = 3,   // no display, store locked/damaged/not writable, disk full, printer unreachable
    kExitPartial = 4,       // partial success in a batch; what was skipped is on stderr
};

}  // namespace kiosk::config
