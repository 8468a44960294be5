// sd_notify client (kiosk::config::sdNotify) against AF_UNIX datagram sockets bound by the test:
// a path socket, an abstract one, and the failure cases. Layer: tests/hardening.
#include "kiosk/config/sd_notify.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace kiosk::config;
using records_test::TempDir;

namespace {

// A bound datagram socket that receives what systemd would.
class Receiver {
public:
    explicit Receiver(const std::string& address) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(address.size() < sizeof(addr.sun_path));
        address.copy(addr.sun_path, address.size());
        socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
        if (address[0] == '@') {
            addr.sun_path[0] = '\0';
        } else {
            ++len;
        }
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), len) == 0);
        timeval tv{2, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~Receiver() { ::close(m_fd); }
    Receiver(const Receiver&) = delete;
    Receiver& operator=(const Receiver&) = delete;
    std::string receive() {
        char buf[512];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        return n < 0 ? std::string("<nothing>") : std::string(buf, static_cast<std::size_t>(n));
    }

private:
    int m_fd = -1;
};

struct EnvVar {
    const char* name;
    EnvVar(const char* n, const char* value) : name(n) { ::setenv(n, value, 1); }
    ~EnvVar() { ::unsetenv(name); }
};

}  // namespace

TEST_CASE("sdNotify sends datagrams to a path socket named by NOTIFY_SOCKET", "[config]") {
    TempDir tmp;
    std::filesystem::create_directories(tmp.path());
    const std::string path = (tmp.path() / "notify").string();
    Receiver rx(path);
    EnvVar env("NOTIFY_SOCKET", path.c_str());
    CHECK(sdNotify("READY=1"));
    CHECK(rx.receive() == "READY=1");
    CHECK(sdNotify("WATCHDOG=1"));
    CHECK(rx.receive() == "WATCHDOG=1");
}

TEST_CASE("sdNotify supports abstract sockets ('@' prefix)", "[config]") {
    const std::string name = "@bk-notify-test-" + std::to_string(::getpid());
    Receiver rx(name);
    EnvVar env("NOTIFY_SOCKET", name.c_str());
    CHECK(sdNotify("STATUS=out of order"));
    CHECK(rx.receive() == "STATUS=out of order");
    CHECK(sdNotifyTo(name.c_str(), "WATCHDOG=1"));
    CHECK(rx.receive() == "WATCHDOG=1");
}

TEST_CASE("sdNotify fails quietly without systemd or with a bad address", "[config]") {
    ::unsetenv("NOTIFY_SOCKET");
    CHECK_FALSE(sdNotify("WATCHDOG=1"));
    CHECK_FALSE(sdNotifyTo("", "WATCHDOG=1"));
    CHECK_FALSE(sdNotifyTo("relative/path", "WATCHDOG=1"));
    CHECK_FALSE(sdNotifyTo("/nonexistent/bk/notify", "WATCHDOG=1"));
    CHECK_FALSE(sdNotifyTo(("/" + std::string(200, 'x')).c_str(), "WATCHDOG=1"));
    CHECK_FALSE(sdNotifyTo(nullptr, "WATCHDOG=1"));
}

TEST_CASE("watchdogInterval reads WATCHDOG_USEC and ignores nonsense", "[config]") {
    ::unsetenv("WATCHDOG_USEC");
    CHECK_FALSE(watchdogInterval());
    {
        EnvVar env("WATCHDOG_USEC", "30000000");
        REQUIRE(watchdogInterval());
        CHECK(*watchdogInterval() == std::chrono::seconds(30));
    }
    for (const char* bad : {"", "0", "abc", "12x", "-5", "99999999999999999999999"}) {
        EnvVar env("WATCHDOG_USEC", bad);
        CHECK_FALSE(watchdogInterval());
    }
}
