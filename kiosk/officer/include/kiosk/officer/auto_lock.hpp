// Officer mode's auto-lock: locked after 2 minutes without officer input. Pure functions of the last
// activity and now, so tests pass made-up times. Layer: kiosk/officer.
#pragma once

#include <chrono>

namespace kiosk::officer {

inline constexpr std::chrono::seconds kAutoLockAfter{120};

// True when officer mode must lock: `now` is `limit` or more after `lastActivity`, or the clock went
// backwards (a clock set back must not keep officer mode open).
template <class Clock, class Duration>
constexpr bool autoLockDue(std::chrono::time_point<Clock, Duration> lastActivity,
                           std::chrono::time_point<Clock, Duration> now,
                           std::chrono::seconds limit = kAutoLockAfter) {
    return now < lastActivity || now - lastActivity >= limit;
}

// Time left before the auto-lock (zero when due), e.g. for a "locking in 10 s" hint.
template <class Clock, class Duration>
constexpr std::chrono::seconds autoLockRemaining(std::chrono::time_point<Clock, Duration> lastActivity,
                                                 std::chrono::time_point<Clock, Duration> now,
                                                 std::chrono::seconds limit = kAutoLockAfter) {
    if (autoLockDue(lastActivity, now, limit)) return std::chrono::seconds{0};
    return std::chrono::ceil<std::chrono::seconds>(limit - (now - lastActivity));
}

}  // namespace kiosk::officer
