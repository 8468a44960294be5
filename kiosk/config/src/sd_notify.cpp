// sd_notify over an AF_UNIX datagram socket, without libsystemd. Layer: kiosk/config.
#include "kiosk/config/sd_notify.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace kiosk::config {

bool sdNotifyTo(const char* socketAddress, const char* state) {
    if (socketAddress == nullptr || state == nullptr) return false;
    const std::size_t pathLen = std::strlen(socketAddress);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    // Only absolute paths and abstract names ('@'), as systemd itself accepts.
    if (pathLen < 2 || pathLen > sizeof(addr.sun_path) || (socketAddress[0] != '/' && socketAddress[0] != '@')) {
        return false;
    }
    std::memcpy(addr.sun_path, socketAddress, pathLen);
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';
    // A path needs its terminating NUL when it fits; an abstract name is exactly its bytes.
    socklen_t addrLen = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + pathLen);
    if (socketAddress[0] == '/' && pathLen < sizeof(addr.sun_path)) ++addrLen;

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    ssize_t sent = -1;
    do {
        sent = ::sendto(fd, state, std::strlen(state), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&addr), addrLen);
    } while (sent < 0 && errno == EINTR);
    ::close(fd);
    return sent >= 0 && static_cast<std::size_t>(sent) == std::strlen(state);
}

bool sdNotify(const char* state) { return sdNotifyTo(std::getenv("NOTIFY_SOCKET"), state); }

std::optional<std::chrono::microseconds> watchdogInterval() {
    const char* usec = std::getenv("WATCHDOG_USEC");
    // Digits only: strtoull would accept "-5" and wrap it round to a huge interval.
    if (usec == nullptr || *usec < '0' || *usec > '9') return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(usec, &end, 10);
    if (errno != 0 || end == usec || *end != '\0' || v == 0 || v > (1ULL << 52)) return std::nullopt;
    return std::chrono::microseconds(static_cast<long long>(v));
}

}  // namespace kiosk::config
