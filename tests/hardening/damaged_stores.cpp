// 100 damaged attendance stores (flipped bytes, truncation, WAL lost or damaged, zero length, garbage)
// opened through Store::open(MoveAside), each in its own child process (issue 8). Checks: no crash or
// hang, damage detected (moved aside or refused), the original bytes kept in the moved-aside file.
// Prints figure lines; exits 1 on failure. Usage: hardening_damaged_stores [--seed S].
// Layer: tests/hardening.
#include "kiosk/records/store.hpp"
#include "child_process.hpp"
#include "temp_dir.hpp"

#include <sqlite3.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace kiosk::records;
namespace fs = std::filesystem;
using records_test::readBytes;
using records_test::writeBytes;

namespace {

struct Sample {
    std::string kind;
    std::string db;                  // attendance.db bytes
    std::optional<std::string> wal;  // attendance.db-wal bytes
    std::optional<std::string> shm;
};

struct Healthy {
    std::string closedDb;  // a cleanly closed store (no WAL)
    std::string openDb;    // main file while a connection had un-checkpointed commits
    std::string openWal;
    std::string openShm;
};

CheckInInput input(const std::string& session, const std::string& name, const std::string& constituency) {
    CheckInInput in;
    in.sessionId = session;
    in.name = name;
    in.constituency = constituency;
    return in;
}

Healthy makeHealthy(const fs::path& dir) {
    Healthy h;
    {
        auto store = std::move(Store::open(dir / "closed").store);
        const std::string s = store->openSession({"", "Base Hall", "Officer"}, "test");
        for (int i = 0; i < 60; ++i) {
            CheckInInput in = input(s, "Base Candidate " + std::to_string(i) + std::string(100, 'n'),
                                    "Basefield " + std::string(80, 'c'));
            in.email = "b" + std::to_string(i) + "@example.org";
            store->checkIn(in);
        }
    }
    h.closedDb = readBytes(dir / "closed" / kStoreFileName);
    auto store = std::move(Store::open(dir / "open").store);
    sqlite3_exec(store->nativeHandle(), "PRAGMA wal_autocheckpoint = 0", nullptr, nullptr, nullptr);
    const std::string s = store->openSession({"", "Wal Hall", "Officer"}, "test");
    for (int i = 0; i < 60; ++i) {
        store->checkIn(input(s, "Wal Candidate " + std::to_string(i) + std::string(100, 'w'), "Walfield"));
    }
    h.openDb = readBytes(dir / "open" / kStoreFileName);
    h.openWal = readBytes(dir / "open" / (std::string(kStoreFileName) + "-wal"));
    h.openShm = readBytes(dir / "open" / (std::string(kStoreFileName) + "-shm"));
    return h;
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

// Copies a random subset of the WAL's frames into the main file: a checkpoint interrupted part-way.
std::string partialCheckpoint(std::string db, const std::string& wal, std::mt19937& rng) {
    if (wal.size() < 32) return db;
    const std::uint32_t pageSize = be32(wal, 8);
    if (pageSize < 512 || pageSize > 65536) return db;
    for (std::size_t at = 32; at + 24 + pageSize <= wal.size(); at += 24 + pageSize) {
        if (rng() % 2 == 0) continue;
        const std::size_t off = std::size_t(be32(wal, at) - 1) * pageSize;
        if (db.size() < off + pageSize) db.resize(off + pageSize, '\0');
        db.replace(off, pageSize, wal, at + 24, pageSize);
    }
    return db;
}

std::string flip(std::string s, std::mt19937& rng, int flips, std::size_t limit) {
    limit = std::min(limit, s.size());
    for (int i = 0; i < flips && limit > 0; ++i) {
        const std::size_t at = rng() % limit;
        s[at] = static_cast<char>(s[at] ^ static_cast<char>(1 + rng() % 255));
    }
    return s;
}

std::string randomBytes(std::mt19937& rng, std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    return s;
}

std::vector<Sample> makeSamples(const Healthy& h, std::mt19937& rng) {
    std::vector<Sample> out;
    for (int i = 0; i < 25; ++i) out.push_back({"flipped bytes", flip(h.closedDb, rng, 1 + int(rng() % 16), SIZE_MAX), {}, {}});
    for (int i = 0; i < 15; ++i) out.push_back({"flipped header/page 1", flip(h.closedDb, rng, 1 + int(rng() % 4), 4096), {}, {}});
    for (int i = 0; i < 20; ++i) {
        out.push_back({"truncated", h.closedDb.substr(0, 1 + rng() % (h.closedDb.size() - 1)), {}, {}});
    }
    for (int i = 0; i < 5; ++i) {
        out.push_back({"-wal deleted after a partial checkpoint", partialCheckpoint(h.openDb, h.openWal, rng), {}, {}});
    }
    for (int i = 0; i < 3; ++i) {
        out.push_back({"-wal deleted, stale -shm left (hot WAL index)", partialCheckpoint(h.openDb, h.openWal, rng), {},
                       h.openShm});
    }
    for (int i = 0; i < 4; ++i) {
        out.push_back({"-wal with flipped bytes", h.openDb, flip(h.openWal, rng, 1 + int(rng() % 16), SIZE_MAX), h.openShm});
    }
    for (int i = 0; i < 3; ++i) {
        out.push_back({"-wal truncated", h.openDb, h.openWal.substr(0, rng() % h.openWal.size()), {}});
    }
    for (int i = 0; i < 10; ++i) out.push_back({"zero length", "", {}, {}});
    for (int i = 0; i < 10; ++i) out.push_back({"random garbage", randomBytes(rng, 1 + rng() % 200000), {}, {}});
    for (int i = 0; i < 5; ++i) {
        out.push_back({"SQLite header + garbage", h.closedDb.substr(0, 100) + randomBytes(rng, 4096 * (1 + rng() % 20)), {}, {}});
    }
    return out;
}

// The child: open with MoveAside and report on the pipe: "MOVED\n<aside>" / "ERROR\n<message>" /
// "OPENED\n<integrity_check>\n<check-in ok|failed>".
[[noreturn]] void child(const fs::path& data, int fd) {
    ::alarm(60);
    std::string report;
    // First as `briefing` opens it (DamagePolicy::Fail): a refusal must leave every byte as found (issue
    // 15: its close used to checkpoint the damaged file, so the kiosk later moved aside something else).
    std::string strict = "STRICT opened";
    {
        const fs::path db = data / kStoreFileName, wal = db.string() + "-wal";
        const std::string dbBefore = readBytes(db), walBefore = fs::exists(wal) ? readBytes(wal) : "";
        try {
            OpenOptions fail;
            fail.onDamage = DamagePolicy::Fail;
            Store::open(data, fail);
        } catch (const StoreError& e) {
            const bool same = readBytes(db) == dbBefore && (fs::exists(wal) ? readBytes(wal) : "") == walBefore;
            strict = same ? "STRICT refused, unchanged" : "STRICT refused, CHANGED";
        }
        if (strict == "STRICT opened") {
            // It opened as healthy, and closing it may have checkpointed: put the sample back as it was.
            writeBytes(db, dbBefore);
            if (walBefore.empty()) fs::remove(wal);
            else writeBytes(wal, walBefore);
            fs::remove(db.string() + "-shm");
        }
    }
    report = strict + "\n";
    try {
        OpenOptions options;
        options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1795000000)); };
        OpenResult r = Store::open(data, options);
        if (r.movedAside) {
            report += "MOVED\n" + r.movedAside->string();
        } else {
            sqlite3_stmt* st = nullptr;
            std::string verdict = "no verdict";
            if (sqlite3_prepare_v2(r.store->nativeHandle(), "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
                sqlite3_step(st) == SQLITE_ROW) {
                verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            }
            sqlite3_finalize(st);
            std::string write = "check-in ok";
            try {
                r.store->checkIn(input("", "After Damage", "Somewhere"));
            } catch (const std::exception& e) {
                write = std::string("check-in failed: ") + e.what();
            }
            report += "OPENED\n" + verdict + "\n" + write;
        }
    } catch (const StoreError& e) {
        report += std::string("ERROR\n") + e.what();
    } catch (const std::exception& e) {
        report += std::string("EXCEPTION\n") + e.what();
    }
    const ssize_t n = ::write(fd, report.data(), report.size());
    ::_exit(n == ssize_t(report.size()) ? 0 : 2);
}

}  // namespace

int main(int argc, char** argv) {
    unsigned seed = 8;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    }
    // kind -> {detected, consistent, integrity failed, zero-length fresh}
    std::map<std::string, std::array<int, 4>> byKind;
    std::mt19937 rng(seed);
    records_test::TempDir tmp;
    const Healthy healthy = makeHealthy(tmp.path() / "healthy");
    const std::vector<Sample> samples = makeSamples(healthy, rng);

    int crashes = 0, hangs = 0, moved = 0, refused = 0, preserved = 0, consistent = 0, missed = 0, zeroFresh = 0;
    int strictUnchanged = 0;
    int failures = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const Sample& s = samples[i];
        const fs::path data = tmp.path() / ("case-" + std::to_string(i));
        fs::create_directories(data);
        const fs::path db = data / kStoreFileName;
        writeBytes(db, s.db);
        if (s.wal) writeBytes(db.string() + "-wal", *s.wal);
        if (s.shm) writeBytes(db.string() + "-shm", *s.shm);

        const auto run = hardening::runInChild([&](int fd) { child(data, fd); });
        if (!run) return 1;
        const int status = run->status;
        const std::string strictLine = run->report.substr(0, run->report.find('\n'));
        const std::string report = run->report.find('\n') == std::string::npos ? "" : run->report.substr(run->report.find('\n') + 1);
        if (strictLine == "STRICT refused, unchanged") ++strictUnchanged;
        if (strictLine == "STRICT refused, CHANGED") {
            ++failures;
            std::cerr << "FAIL case " << i << " (" << s.kind << "): refusing it (DamagePolicy::Fail) changed its files\n";
        }
        const std::string label = "case " + std::to_string(i) + " (" + s.kind + ")";
        if (WIFSIGNALED(status)) {
            (WTERMSIG(status) == SIGALRM ? hangs : crashes) += 1;
            std::cerr << "FAIL " << label << ": child killed by signal " << WTERMSIG(status) << "\n";
            continue;
        }
        const std::string verb = report.substr(0, report.find('\n'));
        const std::string rest = report.find('\n') == std::string::npos ? "" : report.substr(report.find('\n') + 1);
        auto& tally = byKind[s.kind];
        if (verb == "MOVED" || verb == "ERROR") ++tally[0];
        if (verb == "MOVED") {
            ++moved;
            const bool dbSame = readBytes(rest) == s.db;
            const bool walSame = !s.wal || (fs::exists(rest + "-wal") && readBytes(rest + "-wal") == *s.wal);
            if (dbSame && walSame) {
                ++preserved;
            } else {
                ++failures;
                std::cerr << "FAIL " << label << ": moved aside but the original bytes changed (main "
                          << (dbSame ? "same" : "changed") << ", -wal " << (walSame ? "same" : "changed/missing") << ")\n";
            }
        } else if (verb == "ERROR") {
            ++refused;
            if (readBytes(db) == s.db) {
                ++preserved;
            } else {
                ++failures;
                std::cerr << "FAIL " << label << ": refused but the file was changed: " << rest << "\n";
            }
        } else if (verb == "OPENED") {
            if (s.db.empty()) {
                ++zeroFresh;
                ++tally[3];
            } else if (rest.rfind("ok\ncheck-in ok", 0) == 0) {
                ++consistent;
                ++tally[1];
            } else {
                ++missed;
                ++tally[2];
                ++failures;
                std::cerr << "FAIL " << label
                          << ": opened without detection, but integrity_check says: "
                          << rest.substr(0, rest.find('\n')) << "\n";
            }
        } else {
            ++failures;
            std::cerr << "FAIL " << label << ": " << (report.empty() ? "no report (exit status " +
                                                          std::to_string(WEXITSTATUS(status)) + ")" : report) << "\n";
        }
    }
    for (const auto& [kind, t] : byKind) {
        std::printf("  %-48s detected %2d, consistent after open %2d, integrity failed %2d, zero-length fresh %2d\n",
                    kind.c_str(), t[0], t[1], t[2], t[3]);
    }
    const int detected = moved + refused;
    std::printf("damaged files: %zu, detected: %d (moved aside %d, refused with an error %d), crashes: %d, "
                "hangs: %d, originals preserved: %d/%d, not detected: %d (zero-length opened as a fresh store %d; "
                "consistent after open, integrity_check ok and writable %d; integrity failed %d), failures: %d "
                "(seed %u); refused by a strict open with every byte left as found: %d\n",
                samples.size(), detected, moved, refused, crashes, hangs, preserved, detected,
                zeroFresh + consistent + missed, zeroFresh, consistent, missed, failures, seed, strictUnchanged);
    return crashes == 0 && hangs == 0 && failures == 0 && samples.size() == 100 ? 0 : 1;
}
