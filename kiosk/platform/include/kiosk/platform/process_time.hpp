// Time since this process started, as the kernel counts it, for start-up measurements (the kiosk's
// --print-timing and the benchmark's baseline window). Layer: kiosk/platform. Linux only (/proc).
#pragma once

namespace kiosk::platform {

// Milliseconds from the process's start to now, or -1 when /proc/self/stat cannot be read.
double msSinceProcessStart();

}  // namespace kiosk::platform
