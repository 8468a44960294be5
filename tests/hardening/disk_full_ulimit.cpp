// Disk full through `ulimit -f` (RLIMIT_FSIZE) with SIGXFSZ ignored, so writes fail as SQLITE_IOERR/FULL
// instead of killing the process: check-ins beyond the limit raise NotSavedError, nothing partial is
// committed, integrity_check stays ok, and once the limit is raised again (same process, same Store,
// no reopening) check-ins work. Prints one figure line per limit; exits 1 on failure. Layer: tests/hardening.
#include "kiosk/records/store.hpp"
#include "child_process.hpp"
#include "temp_dir.hpp"

#include <sqlite3.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace kiosk::records;
namespace fs = std::filesystem;

namespace {

long long scalar(Store& store, const char* sql) {
    sqlite3_stmt* st = nullptr;
    long long v = -1;
    if (sqlite3_prepare_v2(store.nativeHandle(), sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return v;
}

std::string integrity(Store& store) {
    sqlite3_stmt* st = nullptr;
    std::string v = "no verdict";
    if (sqlite3_prepare_v2(store.nativeHandle(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return v;
}

CheckInInput bulky(int i) {
    CheckInInput in;
    in.name = "Full Disk Candidate " + std::to_string(i) + " " + std::string(150, 'x');
    in.constituency = "Constituency " + std::string(150, 'y');
    return in;
}

struct Figures {
    long long saved = 0;            // check-ins committed before the first NotSavedError
    int notSavedAfterFull = 0;      // further attempts while full that also said "not saved"
    long long rowsWhileFull = -1;   // check-in rows visible while full (must equal saved)
    std::string integrityWhileFull;
    bool recovered = false;         // a check-in after raising the limit, same Store
    long long rowsAfter = -1;
    std::string message;            // the NotSavedError text
};

// The child: open, lower the file-size limit, fill, check, raise the limit, check in again.
[[noreturn]] void child(const fs::path& data, rlim_t limit, int fd) {
    ::signal(SIGXFSZ, SIG_IGN);
    std::ostringstream out;
    try {
        auto store = std::move(Store::open(data).store);
        rlimit rl{};
        ::getrlimit(RLIMIT_FSIZE, &rl);
        const rlimit original = rl;
        rl.rlim_cur = limit;
        if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(4);
        Figures f;
        for (int i = 0; i < 100000; ++i) {
            try {
                store->checkIn(bulky(i));
                ++f.saved;
            } catch (const NotSavedError& e) {
                f.message = e.what();
                break;
            }
        }
        for (int k = 0; k < 5; ++k) {
            try {
                store->checkIn(bulky(-k - 1));
            } catch (const NotSavedError&) {
                ++f.notSavedAfterFull;
            }
        }
        f.rowsWhileFull = scalar(*store, "SELECT count(*) FROM checkins");
        f.integrityWhileFull = integrity(*store);
        // Space returns: the soft limit goes back up to the hard one (no privilege needed).
        if (::setrlimit(RLIMIT_FSIZE, &original) != 0) ::_exit(5);
        try {
            f.recovered = store->checkIn(bulky(-100)).created;
        } catch (const std::exception& e) {
            f.message += std::string(" | after raising the limit: ") + e.what();
        }
        f.rowsAfter = scalar(*store, "SELECT count(*) FROM checkins");
        out << f.saved << "\n" << f.notSavedAfterFull << "\n" << f.rowsWhileFull << "\n" << f.integrityWhileFull
            << "\n" << f.recovered << "\n" << f.rowsAfter << "\n" << f.message;
    } catch (const std::exception& e) {
        out << "-1\n0\n-1\nexception\n0\n-1\n" << e.what();
    }
    const std::string s = out.str();
    const ssize_t n = ::write(fd, s.data(), s.size());
    ::_exit(n == ssize_t(s.size()) ? 0 : 2);
}

}  // namespace

int main() {
    int failures = 0;
    for (const rlim_t limit : {rlim_t(160 * 1024), rlim_t(1024 * 1024)}) {
        records_test::TempDir tmp;
        {
            auto store = std::move(Store::open(tmp.data()).store);  // schema created before the limit
        }
        const auto run = hardening::runInChild([&](int fd) { child(tmp.data(), limit, fd); });
        if (!run) return 1;
        const int status = run->status;
        const std::string& report = run->report;
        if (WIFSIGNALED(status) || WEXITSTATUS(status) != 0) {
            std::printf("disk full (ulimit -f %llu KB): child died (signal %d, exit %d)\n",
                        static_cast<unsigned long long>(limit / 1024), WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            ++failures;
            continue;
        }
        std::istringstream in(report);
        Figures f;
        int recovered = 0;
        in >> f.saved >> f.notSavedAfterFull >> f.rowsWhileFull;
        in.ignore();
        std::getline(in, f.integrityWhileFull);
        in >> recovered >> f.rowsAfter;
        in.ignore();
        std::getline(in, f.message);
        f.recovered = recovered != 0;

        // A fresh process (the parent) opens the store again: the same rows, still intact.
        auto store = std::move(Store::open(tmp.data()).store);
        const long long rowsReopened = scalar(*store, "SELECT count(*) FROM checkins");
        const long long candidatesReopened = scalar(*store, "SELECT count(*) FROM candidates");
        const std::string integrityReopened = integrity(*store);
        const bool ok = f.saved > 0 && f.notSavedAfterFull == 5 && f.rowsWhileFull == f.saved &&
                        f.integrityWhileFull == "ok" && f.recovered && f.rowsAfter == f.saved + 1 &&
                        rowsReopened == f.saved + 1 && candidatesReopened == f.saved + 1 && integrityReopened == "ok" &&
                        f.message.find("not saved") != std::string::npos;
        if (!ok) ++failures;
        std::printf("disk full (ulimit -f %llu KB, SIGXFSZ ignored): saved before full %lld, NotSavedError on the "
                    "next check-in and %d/5 retries while full, rows while full %lld (partial rows %lld), "
                    "integrity_check while full: %s, check-in after raising the limit without reopening: %s, "
                    "rows %lld, after reopening: rows %lld, candidates %lld, integrity_check %s -> %s\n",
                    static_cast<unsigned long long>(limit / 1024), f.saved, f.notSavedAfterFull, f.rowsWhileFull,
                    f.rowsWhileFull - f.saved, f.integrityWhileFull.c_str(), f.recovered ? "ok" : "FAILED",
                    f.rowsAfter, rowsReopened, candidatesReopened, integrityReopened.c_str(), ok ? "PASS" : "FAIL");
        if (!ok) std::printf("  message: %s\n", f.message.c_str());
    }
    return failures == 0 ? 0 : 1;
}
