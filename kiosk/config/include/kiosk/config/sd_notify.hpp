// A dependency-free sd_notify client: datagrams such as "WATCHDOG=1" to systemd's $NOTIFY_SOCKET.
// Layer: kiosk/config (POSIX sockets only). The kiosk's main loop pings the watchdog with it.
#pragma once

#include <chrono>
#include <optional>

namespace kiosk::config {

// Sends `state` (e.g. "READY=1", "WATCHDOG=1", "STATUS=out of order") to the socket named by
// $NOTIFY_SOCKET: a path, or an abstract socket when it starts with '@'. Returns false when the variable
// is unset (not started by systemd) or the send failed. Never throws; safe to call every frame.
bool sdNotify(const char* state);

// The same with an explicit socket address (the value $NOTIFY_SOCKET would hold); for tests.
bool sdNotifyTo(const char* socketAddress, const char* state);

// The watchdog interval systemd expects pings within ($WATCHDOG_USEC), or nullopt when no watchdog is
// set. WATCHDOG_PID is deliberately not checked: under cage the kiosk is not the unit's main process,
// and the unit allows it with NotifyAccess=all. Ping at half this interval.
std::optional<std::chrono::microseconds> watchdogInterval();

}  // namespace kiosk::config
