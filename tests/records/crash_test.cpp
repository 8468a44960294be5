// Crash test: a child process checks candidates in (reporting each committed id on a pipe) and is killed
// with SIGKILL at random moments; afterwards every reported check-in must be present exactly once and
// integrity_check must pass. Usage: records_crash_test [--kills N] [--dir D] [--seed S]. Layer: tests/records.
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"

#include "../hardening/child_process.hpp"

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace kiosk::records;
namespace fs = std::filesystem;
using hardening::readAll;
using hardening::writeLine;

namespace {

// The child: check in forever; "T token" before each attempt, "C token id" once committed.
[[noreturn]] void runChild(const fs::path& dir, int fd, const std::string& retryToken, int generation) {
    try {
        OpenOptions options;
        options.kioskId = "crash-" + std::to_string(generation);
        auto store = std::move(Store::open(dir, options).store);
        for (int i = 0;; ++i) {
            CheckInInput in;
            in.token = (i == 0 && !retryToken.empty()) ? retryToken : uuidV4();
            in.name = "Crash Candidate " + std::to_string(generation) + "-" + std::to_string(i);
            in.constituency = "Crashfield";
            writeLine(fd, "T " + in.token);
            const auto r = store->checkIn(in);
            writeLine(fd, std::string(r.created ? "C " : "R ") + in.token + " " + r.candidateId);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "child: %s\n", e.what());
        ::_exit(3);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int kills = 200;
    fs::path dir;
    unsigned seed = std::random_device{}();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--kills") kills = std::atoi(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
        else if (a == "--seed") seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    }
    bool ownDir = false;
    if (dir.empty()) {
        std::string tmpl = (fs::temp_directory_path() / "bk-crash-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) return 3;
        dir = fs::path(tmpl) / "data";
        ownDir = true;
    }
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delayUs(0, 30000);
    std::map<std::string, std::string> committed;  // token -> candidate id, as reported by the children
    std::string pendingToken;
    int retries = 0, retriesAlreadyCommitted = 0, childErrors = 0;
    const auto start = std::chrono::steady_clock::now();

    for (int k = 0; k < kills; ++k) {
        int fds[2];
        if (::pipe(fds) != 0) return 3;
        const std::string retry = pendingToken;
        const pid_t pid = ::fork();
        if (pid < 0) return 3;
        if (pid == 0) {
            ::close(fds[0]);
            runChild(dir, fds[1], retry, k);
        }
        ::close(fds[1]);
        if (!retry.empty()) ++retries;
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        ::kill(pid, SIGKILL);
        const std::string out = readAll(fds[0]);
        ::close(fds[0]);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) ++childErrors;

        std::string lastIntent;
        std::size_t pos = 0;
        while (pos < out.size()) {
            const std::size_t nl = out.find('\n', pos);
            if (nl == std::string::npos) break;  // a line cut by the kill
            const std::string line = out.substr(pos, nl - pos);
            pos = nl + 1;
            if (line.size() > 2 && line[0] == 'T') {
                lastIntent = line.substr(2);
            } else if (line.size() > 2 && (line[0] == 'C' || line[0] == 'R')) {
                const std::string token = line.substr(2, 36);
                const std::string id = line.substr(39);
                if (line[0] == 'R' && token == retry) ++retriesAlreadyCommitted;
                if (committed.count(token) && committed[token] != id) {
                    std::cerr << "FAIL: token " << token << " returned two different ids\n";
                    return 1;
                }
                committed[token] = id;
                if (token == lastIntent) lastIntent.clear();
            }
        }
        // A check-in that was attempted but not reported: the next child retries its token.
        pendingToken = lastIntent.empty() ? (retry.empty() || committed.count(retry) ? "" : retry) : lastIntent;
    }

    // Verification with the child gone: every reported check-in present once, nothing torn.
    sqlite3* db = nullptr;
    if (sqlite3_open((dir / kStoreFileName).c_str(), &db) != SQLITE_OK) {
        std::cerr << "FAIL: cannot open the store\n";
        return 1;
    }
    auto scalarText = [db](const char* sql) {
        sqlite3_stmt* st = nullptr;
        std::string v;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
            v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        return v;
    };
    const std::string integrity = scalarText("PRAGMA integrity_check");
    const long rows = std::stol(scalarText("SELECT count(*) FROM checkins"));
    const long candidates = std::stol(scalarText("SELECT count(*) FROM candidates"));
    const long distinctTokens = std::stol(scalarText("SELECT count(DISTINCT token) FROM checkins"));
    long missing = 0;
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT candidate_id FROM checkins WHERE token = ?", -1, &q, nullptr);
    for (const auto& [token, id] : committed) {
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, token.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) != SQLITE_ROW || id != reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) ++missing;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::cout << "crash test: seed " << seed << ", " << kills << " SIGKILLs in " << seconds << " s\n"
              << "  check-ins reported committed: " << committed.size() << "\n"
              << "  check-in rows in store:       " << rows << " (distinct tokens " << distinctTokens
              << ", candidates " << candidates << ")\n"
              << "  reported but missing:         " << missing << "\n"
              << "  unreported attempts retried:  " << retries << " (already committed, no duplicate made: "
              << retriesAlreadyCommitted << ")\n"
              << "  children not ended by SIGKILL: " << childErrors << "\n"
              << "  integrity_check:              " << integrity << "\n";
    if (ownDir) fs::remove_all(dir.parent_path());
    const bool ok = missing == 0 && rows == distinctTokens && candidates == rows && integrity == "ok" &&
                    childErrors == 0 && rows >= static_cast<long>(committed.size());
    std::cout << (ok ? "PASS\n" : "FAIL\n");
    return ok ? 0 : 1;
}
