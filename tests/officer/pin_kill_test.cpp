// Kill test of the PIN check (issue 15, item 1): a child checks one PIN (right or wrong, in turn) and is
// SIGKILLed at a chosen system call through `strace --inject=SYSCALL:signal=KILL:when=N`, cycling over
// every write, fdatasync/fsync and mmap the check makes. A PIN is "checked" once Argon2id has allocated its
// 64 MiB (the mmap strace shows); after each kill the store must show the attempt counted ("pin-attempt")
// whenever the PIN was checked, never an unlock without a count, and pass integrity_check.
// Usage: officer_pin_kill_test [--kills N]      (the child: officer_pin_kill_test --probe DATA KEY PIN)
// Prints one figure line; exits 1 when an invariant broke. Layer: tests/officer.
#include "kiosk/config/secrets.hpp"
#include "kiosk/officer/authenticator.hpp"
#include "kiosk/records/store.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

constexpr const char* kOfficer = "PC Jones";
constexpr const char* kRightPin = "735190";
constexpr const char* kWrongPin = "204861";
constexpr unsigned long long kArgonBytes = crypto_pwhash_MEMLIMIT_INTERACTIVE;  // 64 MiB

records::OpenOptions storeOptions() {
    records::OpenOptions o;
    o.kioskId = "kill-test";
    o.createIfMissing = false;
    o.onDamage = records::DamagePolicy::Fail;
    return o;
}

// The child: one PIN check against DATA with the key in KEY; prints the verdict.
int probe(const fs::path& data, const fs::path& key, const std::string& pin) {
    try {
        const auto secret = config::loadSecretFile(key, "kill test", true, data, config::SecretCreation::Never);
        auto store = std::move(records::Store::open(data, storeOptions()).store);
        officer::Authenticator auth(*store, config::deriveKey(secret.key, config::KeyPurpose::PinPepper));
        const auto v = auth.verify(kOfficer, pin, std::chrono::system_clock::now());
        std::printf("verdict %zu\n", v.index());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "probe: %s\n", e.what());
        return 3;
    }
}

int run(const std::vector<std::string>& argv) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> raw;
        for (const auto& a : argv) raw.push_back(const_cast<char*>(a.c_str()));
        raw.push_back(nullptr);
        ::execvp(raw[0], raw.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// How often each syscall of interest appears in an strace log, and whether Argon2id's memory was mapped.
struct Trace {
    std::map<std::string, int> calls;
    bool argonMapped = false;
    int argonMmap = 0;  // which mmap (1-based) allocated Argon2id's memory
};

Trace parseTrace(const fs::path& log) {
    Trace t;
    std::istringstream in(readFile(log));
    std::string line;
    while (std::getline(in, line)) {
        // "1234  pwrite64(5, ..." with -f; skip "<... resumed>" and signal lines.
        std::size_t start = line.find_first_not_of("0123456789 ");
        if (start == std::string::npos) continue;
        const std::size_t paren = line.find('(', start);
        if (paren == std::string::npos) continue;
        const std::string name = line.substr(start, paren - start);
        if (name.empty() || name[0] == '+' || name[0] == '-' || name[0] == '<') continue;
        ++t.calls[name];
        if (name == "mmap") {
            // mmap(NULL, LENGTH, ...
            const std::size_t comma = line.find(", ", paren);
            if (comma != std::string::npos && std::strtoull(line.c_str() + comma + 2, nullptr, 10) >= kArgonBytes &&
                !t.argonMapped) {
                t.argonMapped = true;
                t.argonMmap = t.calls[name];
            }
        }
    }
    return t;
}

struct StoreState {
    int pinAttempts = 0;
    int unlocks = 0;
    int failedAttempts = -1;
    std::string integrity;
};

StoreState inspect(const fs::path& data) {
    StoreState s;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((data / records::kStoreFileName).c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        s.integrity = "cannot open";
        sqlite3_close(db);
        return s;
    }
    const auto scalar = [&](const char* sql) {
        sqlite3_stmt* st = nullptr;
        int v = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        return v;
    };
    s.pinAttempts = scalar("SELECT count(*) FROM audit_log WHERE action = 'pin-attempt'");
    s.unlocks = scalar("SELECT count(*) FROM audit_log WHERE action = 'unlock'");
    s.failedAttempts = scalar("SELECT failed_attempts FROM officers WHERE name = 'PC Jones'");
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        s.integrity = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return s;
}

// A data folder with one officer (PIN kRightPin) and its key file beside it.
void makeTemplate(const fs::path& root) {
    fs::create_directories(root);
    const fs::path key = root / "secret.key";
    const auto secret = config::loadSecretFile(key, "kill test", true, root / "data", config::SecretCreation::IfNoStoreYet);
    records::OpenOptions o;
    o.kioskId = "kill-test";
    auto store = std::move(records::Store::open(root / "data", o).store);
    officer::setPin(*store, kOfficer, std::nullopt, kRightPin, config::deriveKey(secret.key, config::KeyPurpose::PinPepper),
                    "kill-test");
}

std::vector<std::string> straceArgs(const fs::path& log, const fs::path& self, const fs::path& data, const fs::path& key,
                                    const std::string& pin, const std::string& inject) {
    std::vector<std::string> a{"strace", "-f", "-qq", "-o", log.string(),
                               "-e", "trace=pwrite64,write,fdatasync,fsync,mmap"};
    if (!inject.empty()) {
        a.push_back("-e");
        a.push_back(inject);
    }
    for (const std::string& s : {self.string(), std::string("--probe"), data.string(), key.string(), pin}) a.push_back(s);
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == "--probe") return probe(argv[2], argv[3], argv[4]);
    int kills = 100;
    for (int i = 1; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--kills") kills = std::atoi(argv[i + 1]);
    if (run({"strace", "-V"}) != 0) {
        std::cerr << "officer_pin_kill_test: strace is needed (tools/setup-deps installs it)\n";
        return 1;
    }
    const fs::path self = fs::read_symlink("/proc/self/exe");
    char tmpl[] = "/tmp/bk-pin-kill-XXXXXX";
    if (!::mkdtemp(tmpl)) return 1;
    const fs::path root = tmpl;
    makeTemplate(root / "template");
    const fs::path key = root / "template" / "secret.key";

    // A run without a kill, for each PIN: which calls the check makes, and how many of each. Every write
    // and sync is a kill point, and so is the moment Argon2id maps its memory (the other mmaps are the
    // dynamic loader's).
    std::map<std::string, int> most;
    int argonMmap = 0;
    for (const char* pin : {kRightPin, kWrongPin}) {
        fs::remove_all(root / "dry");
        fs::copy(root / "template" / "data", root / "dry", fs::copy_options::recursive);
        run(straceArgs(root / "dry.log", self, root / "dry", key, pin, ""));
        const Trace t = parseTrace(root / "dry.log");
        if (!t.argonMapped) {
            std::cerr << "officer_pin_kill_test: no 64 MiB mmap seen in a PIN check; cannot tell when Argon2id runs\n";
            return 1;
        }
        for (const auto& [name, n] : t.calls)
            if (name != "mmap") most[name] = std::max(most[name], n);
        argonMmap = t.argonMmap;
    }
    std::vector<std::pair<std::string, int>> points{{"mmap", argonMmap}};  // (syscall, occurrence), in turn
    for (const auto& [name, n] : most)
        for (int i = 1; i <= n; ++i) points.emplace_back(name, i);

    int killed = 0, checked = 0, uncounted = 0, unlockWithoutCount = 0, damaged = 0, finished = 0;
    for (int k = 0; k < kills; ++k) {
        const auto& [sys, nth] = points[static_cast<std::size_t>(k) % points.size()];
        const std::string pin = (k / points.size()) % 2 == 0 ? kWrongPin : kRightPin;
        const fs::path data = root / "run";
        fs::remove_all(data);
        fs::copy(root / "template" / "data", data, fs::copy_options::recursive);
        const int status = run(straceArgs(root / "run.log", self, data, key, pin,
                                          "inject=" + sys + ":signal=KILL:when=" + std::to_string(nth)));
        const bool wasKilled = (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ||
                               (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGKILL);
        killed += wasKilled ? 1 : 0;
        finished += wasKilled ? 0 : 1;
        const Trace t = parseTrace(root / "run.log");
        const StoreState s = inspect(data);
        if (s.integrity != "ok") {
            ++damaged;
            std::cerr << "kill " << k << " at " << sys << " #" << nth << ": store " << s.integrity << '\n';
        }
        if (t.argonMapped) {
            ++checked;
            if (s.pinAttempts != 1) {
                ++uncounted;
                std::cerr << "kill " << k << " at " << sys << " #" << nth << ": PIN checked but not counted\n";
            }
        }
        if (s.unlocks > 0 && s.pinAttempts != 1) ++unlockWithoutCount;
    }
    std::printf("pin kill test: %d runs, %d killed at a chosen syscall (%zu points), %d finished, %d killed or "
                "finished after the PIN was checked, %d PIN checks uncounted, %d unlocks uncounted, %d stores "
                "damaged\n",
                kills, killed, points.size(), finished, checked, uncounted, unlockWithoutCount, damaged);
    fs::remove_all(root);
    return uncounted == 0 && unlockWithoutCount == 0 && damaged == 0 && killed > 0 ? 0 : 1;
}
