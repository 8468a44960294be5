// Process age from /proc/self/stat (field 22, starttime) against CLOCK_BOOTTIME. Layer: kiosk/platform.
#include "kiosk/platform/process_time.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <unistd.h>

namespace kiosk::platform {

double msSinceProcessStart() {
    FILE* f = std::fopen("/proc/self/stat", "r");
    if (!f) return -1;
    char buf[1024];
    const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')');
    if (!p) return -1;
    unsigned long long start = 0;
    // Field 22 (starttime) counts from ')' as field 2: skip 19 more fields.
    int field = 2;
    for (const char* q = p + 1; *q; ++q) {
        if (*q == ' ' && ++field == 22) {
            start = std::strtoull(q + 1, nullptr, 10);
            break;
        }
    }
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (now.tv_sec + now.tv_nsec / 1e9 - static_cast<double>(start) / ticks) * 1000.0;
}


}  // namespace kiosk::platform
