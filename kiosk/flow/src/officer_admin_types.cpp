// Formatting helpers for the admin pages' plain rows. Layer: kiosk/flow.
#include "kiosk/flow/officer_admin_types.hpp"

#include <cstdio>

namespace kiosk::flow {

std::string formatBytes(std::uintmax_t bytes) {
    const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    if (u == 0) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
    else std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

}  // namespace kiosk::flow
