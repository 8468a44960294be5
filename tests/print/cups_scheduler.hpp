// A private CUPS scheduler for tests: the stock /usr/sbin/cupsd (cups-daemon) in the foreground with its own
// config, spool, state and logs on a free loopback port, Debian's filters and the real socket backend from
// the `cups` package; a printer for it (a socket listener that records what it receives, byte for byte).
// Layer: tests (print, e2e). Header-only so each CUPS test program builds it in.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cups_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline int freePort() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    close(s);
    return ntohs(a.sin_port);
}

inline bool canConnect(int port) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
}

// A printer on 127.0.0.1:port: every connection is one document, kept whole once the peer closes.
class PrinterListener {
public:
    explicit PrinterListener(int port) : m_port(port) {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        m_ok = bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && listen(m_fd, 8) == 0;
        m_thread = std::thread([this] {
            while (true) {
                const int c = accept(m_fd, nullptr, nullptr);
                if (c < 0) return;
                std::string data;
                char buf[65536];
                for (ssize_t n; (n = read(c, buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
                close(c);
                std::lock_guard lock(m_mutex);
                m_docs.push_back(std::move(data));
            }
        });
    }
    ~PrinterListener() {
        shutdown(m_fd, SHUT_RDWR);
        close(m_fd);
        m_thread.join();
    }
    bool ok() const { return m_ok; }
    std::vector<std::string> documents() {
        std::lock_guard lock(m_mutex);
        return m_docs;
    }
    // Waits until `n` documents arrived or `timeout` passed.
    std::vector<std::string> waitFor(std::size_t n, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (documents().size() < n && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(20ms);
        return documents();
    }

private:
    int m_port;
    int m_fd = -1;
    bool m_ok = false;
    std::mutex m_mutex;
    std::vector<std::string> m_docs;
    std::thread m_thread;
};

// The private scheduler; stopped (by its pid) in the destructor.
class Scheduler {
public:
    Scheduler() {
        std::string tmpl = (fs::temp_directory_path() / "bk-cups-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) return;
        dir = tmpl;
        port = freePort();
        fs::create_directories(dir / "spool/tmp");
        for (const char* d : {"cache", "state", "log", "bin"}) fs::create_directories(dir / d);
        // CUPS runs jobs through ServerBin: Debian's own programs, the socket backend included.
        for (const char* d : {"daemon", "filter", "notifier", "monitor", "backend"})
            if (fs::exists(fs::path("/usr/lib/cups") / d)) fs::create_symlink(fs::path("/usr/lib/cups") / d, dir / "bin" / d);
        std::ofstream(dir / "cupsd.conf") << "Listen 127.0.0.1:" << port
                                          << "\nLogLevel warn\nWebInterface No\nBrowsing Off\nDefaultAuthType None\n"
                                             "JobRetryInterval 1\n"
                                             "<Location />\n Order allow,deny\n Allow all\n</Location>\n"
                                             "<Policy default>\n <Limit All>\n  Order allow,deny\n  Allow all\n"
                                             " </Limit>\n</Policy>\n";
        std::ofstream(dir / "cups-files.conf")
            << "ServerRoot " << dir.string() << "\nServerBin " << (dir / "bin").string() << "\nRequestRoot "
            << (dir / "spool").string() << "\nTempDir " << (dir / "spool/tmp").string() << "\nCacheDir "
            << (dir / "cache").string() << "\nStateDir " << (dir / "state").string() << "\nErrorLog "
            << (dir / "log/error_log").string() << "\nAccessLog " << (dir / "log/access_log").string()
            << "\nPageLog " << (dir / "log/page_log").string() << "\n";
        if (geteuid() != 0) {
            why = "not running as root";
            return;
        }
        if (!fs::exists("/usr/sbin/cupsd")) {
            why = "/usr/sbin/cupsd is not installed (cups-daemon; tools/setup-deps installs it)";
            return;
        }
        start();
    }
    ~Scheduler() {
        stop();
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
    }
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // The real socket backend is required: the `cups` package (tools/setup-deps) provides it.
    static bool haveSocketBackend() { return fs::exists("/usr/lib/cups/backend/socket"); }

    void start() {
        pid = fork();
        if (pid == 0) {
            const std::string c = (dir / "cupsd.conf").string(), s = (dir / "cups-files.conf").string();
            const std::string log = (dir / "log/stderr").string();
            if (!freopen(log.c_str(), "a", stderr)) _exit(126);
            execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", c.c_str(), "-s", s.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 200 && !canConnect(port); ++i) std::this_thread::sleep_for(25ms);
        if (!canConnect(port)) why = "cupsd did not start listening (see " + (dir / "log").string() + ")";
    }
    void stop() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        pid = -1;
    }
    // Whether the scheduler process is still alive (it is the one that crashed on whitespace before).
    bool alive() const {
        if (pid <= 0) return false;
        int status = 0;
        return waitpid(pid, &status, WNOHANG) == 0;
    }
    bool running() const { return why.empty() && pid > 0; }
    std::string server() const { return "127.0.0.1:" + std::to_string(port); }
    int run(const std::string& command) const {
        return std::system(("CUPS_SERVER=" + server() + " " + command + " >/dev/null 2>&1").c_str());
    }
    bool addQueue(const std::string& name, int printerPort) const {
        return run("lpadmin -p " + name + " -v socket://127.0.0.1:" + std::to_string(printerPort) + " -m raw -E") == 0;
    }
    // Job files (c*, d*) left in the scheduler's spool: candidate data must never stay there.
    int spooledFiles() const {
        int n = 0;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir / "spool", ec))
            if (e.is_regular_file() && (e.path().filename().string()[0] == 'c' || e.path().filename().string()[0] == 'd'))
                ++n;
        return n;
    }
    // Jobs in the scheduler's job list, any state (lpstat -W all), counted by their lines.
    int jobsListed() const {
        const std::string out = (dir / "lpstat.out").string();
        if (std::system(("CUPS_SERVER=" + server() + " lpstat -W all -o > '" + out + "' 2>/dev/null").c_str()) != 0)
            return -1;  // cannot ask: never "nothing left"
        std::ifstream in(out);
        int n = 0;
        for (std::string line; std::getline(in, line);) n += !line.empty();
        return n;
    }
    std::string errorLog() const {
        std::ifstream in(dir / "log/error_log");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path dir;
    int port = 0;
    pid_t pid = -1;
    std::string why;
};

// Skips (with a WARN naming why) when no private cupsd can run here; fails when the socket backend is
// missing, because then the test would prove nothing about the real backend.
#define BK_REQUIRE_SCHEDULER(cups)                                                                       \
    do {                                                                                                 \
        if (!(cups).running()) {                                                                         \
            WARN("SKIPPED: cannot run a private cupsd: " << (cups).why);                                 \
            return;                                                                                      \
        }                                                                                                \
        REQUIRE(cups_test::Scheduler::haveSocketBackend());                                              \
    } while (false)

}  // namespace cups_test
