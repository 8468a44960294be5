// End to end through a real CUPS scheduler: a private `cupsd -f` on loopback, a raw queue to a socket listener
// in this test, then the unreachable-printer case. Skips with a WARN when cupsd cannot run here.
// Layer: tests (print, e2e).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>

#include "fixtures.hpp"
#include "print/pack.hpp"
#include "print/cups_queues.hpp"
#include "print/printer.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace print;

namespace {

int freePort() {
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

bool canConnect(int port) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
}

// Accepts one connection on 127.0.0.1:port and returns everything received until the peer closes.
class Listener {
public:
    explicit Listener(int port) {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        REQUIRE(bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(listen(m_fd, 1) == 0);
        m_received = std::async(std::launch::async, [fd = m_fd] {
            std::string data;
            const int c = accept(fd, nullptr, nullptr);
            if (c < 0) return data;
            char buf[65536];
            for (ssize_t n; (n = read(c, buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
            close(c);
            return data;
        });
    }
    ~Listener() {
        shutdown(m_fd, SHUT_RDWR);
        close(m_fd);
    }
    std::string received(std::chrono::seconds timeout) {
        if (m_received.wait_for(timeout) != std::future_status::ready) return "<nothing within the timeout>";
        return m_received.get();
    }

private:
    int m_fd = -1;
    std::future<std::string> m_received;
};

// A private scheduler: its own config, spool, logs and port; stopped (by its pid) in the destructor.
class Scheduler {
public:
    Scheduler() {
        std::string tmpl = (fs::temp_directory_path() / "bk-cups-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) return;
        dir = tmpl;
        port = freePort();
        fs::create_directories(dir / "spool/tmp");
        for (const char* d : {"cache", "state", "log", "bin/backend"}) fs::create_directories(dir / d);
        // CUPS runs jobs through ServerBin/daemon/cups-exec: reuse Debian's programs, and the socket
        // backend when the full `cups` package provides it, else a minimal one (bash /dev/tcp) with the
        // same contract: the job file goes byte for byte to host:port, exit 1 when it cannot connect.
        for (const char* d : {"daemon", "filter", "notifier", "monitor"})
            if (fs::exists(fs::path("/usr/lib/cups") / d)) fs::create_symlink(fs::path("/usr/lib/cups") / d, dir / "bin" / d);
        if (fs::exists("/usr/lib/cups/backend/socket")) {
            fs::create_symlink("/usr/lib/cups/backend/socket", dir / "bin/backend/socket");
        } else {
            std::ofstream(dir / "bin/backend/socket")
                << "#!/bin/bash\n"
                   "if [ $# -eq 0 ]; then echo 'network socket \"Unknown\" \"Test socket\"'; exit 0; fi\n"
                   "hp=${DEVICE_URI#socket://}; host=${hp%%:*}; port=${hp##*:}; port=${port%%/*}\n"
                   "exec 3<>/dev/tcp/$host/$port || { echo \"ERROR: Unable to connect to $host:$port\" >&2; exit 1; }\n"
                   "cat \"${6:-/dev/stdin}\" >&3 || exit 1\n";
            fs::permissions(dir / "bin/backend/socket", fs::perms(0755));
        }
        std::ofstream(dir / "cupsd.conf") << "Listen 127.0.0.1:" << port
                                          << "\nLogLevel warn\nWebInterface No\nBrowsing Off\nDefaultAuthType None\n"
                                             "<Location />\n Order allow,deny\n Allow all\n</Location>\n"
                                             "<Policy default>\n <Limit All>\n  Order allow,deny\n  Allow all\n"
                                             " </Limit>\n</Policy>\n";
        std::ofstream(dir / "cups-files.conf")
            << "ServerRoot " << dir.string() << "\nServerBin " << (dir / "bin").string() << "\nRequestRoot "
            << (dir / "spool").string() << "\nTempDir " << (dir / "spool/tmp").string() << "\nCacheDir "
            << (dir / "cache").string() << "\nStateDir " << (dir / "state").string() << "\nErrorLog "
            << (dir / "log/error_log").string() << "\nAccessLog " << (dir / "log/access_log").string()
            << "\nPageLog " << (dir / "log/page_log").string() << "\n";
        if (geteuid() != 0 || !fs::exists("/usr/sbin/cupsd")) {
            why = geteuid() != 0 ? "not running as root" : "/usr/sbin/cupsd is not installed (cups-daemon)";
            return;
        }
        pid = fork();
        if (pid == 0) {
            const std::string c = (dir / "cupsd.conf").string(), s = (dir / "cups-files.conf").string();
            const std::string log = (dir / "log/stderr").string();
            freopen(log.c_str(), "w", stderr);
            execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", c.c_str(), "-s", s.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 100 && !canConnect(port); ++i) std::this_thread::sleep_for(100ms);
        if (!canConnect(port)) why = "cupsd did not start listening (see " + (dir / "log").string() + ")";
    }
    ~Scheduler() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
    }
    bool running() const { return why.empty() && pid > 0; }
    std::string server() const { return "127.0.0.1:" + std::to_string(port); }
    bool addQueue(const std::string& name, int listenerPort) {
        const std::string cmd = "lpadmin -h " + server() + " -p " + name + " -v socket://127.0.0.1:" +
                                std::to_string(listenerPort) + " -m raw -E 2>/dev/null";
        return std::system(cmd.c_str()) == 0;
    }
    // Job files (c*, d*) left in the scheduler's spool.
    int spooledFiles() const {
        int n = 0;
        for (const auto& e : fs::directory_iterator(dir / "spool"))
            if (e.is_regular_file()) ++n;
        return n;
    }
    std::string accessLog() const {
        std::ifstream in(dir / "log/access_log");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path dir;
    int port = 0;
    pid_t pid = -1;
    std::string why;
};

std::vector<unsigned char> samplePdf() {
    static const PackRenderer kRenderer(findPackAssets());
    return kRenderer.render(testing::sampleRequest("Siân Gwenllian"));
}

}  // namespace

TEST_CASE("a pack sent through a real CUPS raw queue arrives byte for byte and is purged", "[print][e2e]") {
    Scheduler cups;
    if (!cups.running()) {
        WARN("SKIPPED: cannot run a private cupsd: " << cups.why);
        return;
    }
    const int printerPort = freePort();
    Listener printer(printerPort);
    REQUIRE(cups.addQueue("Test", printerPort));
    CupsSettings settings;
    settings.queue = "Test";
    settings.server = cups.server();
    settings.timeout = 30s;
    CupsPrinter cupsPrinter(settings);
    const auto pdf = samplePdf();
    const PrintJob job{"3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f", pdf};
    const PrintOutcome out = cupsPrinter.print(job);
    INFO(out.message);
    CHECK(out.state == JobState::Done);
    CHECK(out.cupsJobId > 0);
    const std::string got = printer.received(10s);
    CHECK(got.size() == pdf.size());
    CHECK(got == std::string(pdf.begin(), pdf.end()));
    // Once done, CUPS keeps neither the document nor the control file (job history with the title).
    CHECK(cups.spooledFiles() == 0);
    CHECK(jobTitle(job.jobId) == "briefing-pack-3f2a9c1e");
}

TEST_CASE("an unreachable printer reports failure so the queue keeps the job, and CUPS keeps nothing",
          "[print][e2e]") {
    Scheduler cups;
    if (!cups.running()) {
        WARN("SKIPPED: cannot run a private cupsd: " << cups.why);
        return;
    }
    const int deadPort = freePort();  // nothing listens there
    REQUIRE(cups.addQueue("Dead", deadPort));
    CupsSettings settings;
    settings.queue = "Dead";
    settings.server = cups.server();
    settings.timeout = 3s;
    CupsPrinter cupsPrinter(settings);
    const PrintOutcome out = cupsPrinter.print({"9b8e7d6c-0000-4000-8000-000000000001", samplePdf()});
    INFO(out.message);
    CHECK(out.state == JobState::Failed);
    CHECK(!out.message.empty());
    CHECK(cups.spooledFiles() == 0);
    // Retrying later, once the printer is back, prints it.
    Listener printer(deadPort);
    settings.timeout = 60s;
    CupsPrinter retry(settings);
    const auto pdf = samplePdf();
    // CUPS may have stopped the queue after the failure; the officer's retry re-enables it.
    std::system(("cupsenable -h " + cups.server() + " Dead").c_str());
    const PrintOutcome again = retry.print({"9b8e7d6c-0000-4000-8000-000000000001", pdf});
    INFO(again.message);
    CHECK(again.state == JobState::Done);
    CHECK(printer.received(10s) == std::string(pdf.begin(), pdf.end()));
}

TEST_CASE("a scheduler that is not running reports failure at once", "[print][e2e]") {
    CupsSettings settings;
    settings.queue = "Nowhere";
    settings.server = "127.0.0.1:" + std::to_string(freePort());
    CupsPrinter cupsPrinter(settings);
    const PrintOutcome out = cupsPrinter.print({"00000000-0000-4000-8000-000000000000", {'%', 'P', 'D', 'F'}});
    CHECK(out.state == JobState::Failed);
    CHECK(out.message.find("CUPS") != std::string::npos);
}

TEST_CASE("the officer's printer list shows each CUPS queue with its state", "[print][e2e]") {
    Scheduler cups;
    if (!cups.running()) {
        WARN("SKIPPED: cannot run a private cupsd: " << cups.why);
        return;
    }
    CHECK(listCupsQueues(cups.server()).empty());
    REQUIRE(cups.addQueue("Front", freePort()));
    REQUIRE(cups.addQueue("Back", freePort()));
    std::system(("cupsdisable -h " + cups.server() + " Back").c_str());
    const auto queues = listCupsQueues(cups.server());
    REQUIRE(queues.size() == 2);
    CHECK(queues[0].name == "Back");
    CHECK(queues[0].state == "stopped");
    CHECK(queues[1].name == "Front");
    CHECK(queues[1].state == "idle");
}
