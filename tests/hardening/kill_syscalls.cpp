// Kills at chosen system calls (issue 15): the real `briefing restore`, `erase`, `backup` and the first
// write into a new data folder, each SIGKILLed by `strace --inject=SYSCALL:signal=KILL:when=N` at every
// durable step (fdatasync, fsync, rename, link, unlink, ftruncate, mkdir) and at a spread of its writes
// and opens, topped up with kills at random times when it has fewer such points than --kills. After each
// kill the data folder is checked as the next command or start would find it: the store is the old one
// or the complete new one, no erased person is back, no marker byte of the erased person is anywhere
// under the data folder (DB, WAL, backups, temporaries, spool, exports) once the erase is run again or
// the store next opened, no hidden copy survives that, and no store is ever 0 bytes.
// Usage: hardening_kill_syscalls --briefing PATH [--kills N] [--ops restore,erase,backup,create] [--seed S]
// Prints figures per operation; exit 1 on any failure. Layer: tests/hardening.
#include "kiosk/config/secrets.hpp"
#include "kiosk/records/export.hpp"
#include "kiosk/records/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kMarkers = {"Killmarker", "killmarker@example.org", "KILLMARKER"};
const std::vector<std::string> kDurable = {"fdatasync", "fsync", "rename", "link", "unlink", "ftruncate", "mkdir"};
const std::vector<std::string> kBulk = {"pwrite64", "write", "openat"};
constexpr const char* kPinOld = "$argon2id$v=19$m=65536,t=2,p=1$b2xkc2FsdA$old$pepper=0123456789abcdef";
constexpr const char* kPinNew = "$argon2id$v=19$m=65536,t=2,p=1$bmV3c2FsdA$new$pepper=0123456789abcdef";

struct Env {
    fs::path briefing, root, keyFile, configHome;
    records::AuditKey key{};
};

std::string bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

records::OpenOptions options(const Env& env) {
    records::OpenOptions o;
    o.auditKey = env.key;
    o.busyTimeoutMs = 2000;
    return o;
}

// Every regular file under `dir` holding a marker byte string.
std::vector<std::string> filesWithMarkers(const fs::path& dir) {
    std::vector<std::string> hits;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const std::string b = bytesOf(it->path());
        for (const auto& m : kMarkers) {
            if (b.find(m) != std::string::npos) {
                hits.push_back(it->path().lexically_relative(dir).string());
                break;
            }
        }
    }
    return hits;
}

bool hiddenTemporary(const std::string& name) {
    return name.rfind(".attendance", 0) == 0 || (name.size() > 1 && name[0] == '.' && name.find(".pdf.") != std::string::npos);
}

int hiddenCopies(const fs::path& dir) {
    int n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file() && hiddenTemporary(it->path().filename().string())) ++n;
    }
    return n;
}

// Runs `briefing --data DATA --secret-file KEY args...`, optionally under strace killing it at the Nth
// `syscall`, or SIGKILLed after `delayUs`. Returns the wait status.
int runBriefing(const Env& env, const fs::path& data, const std::vector<std::string>& args,
                const std::optional<std::pair<std::string, int>>& killAt = std::nullopt, int delayUs = -1) {
    std::vector<std::string> argv;
    if (killAt) {
        argv = {"strace", "-qq", "-o", "/dev/null", "-e", "trace=" + killAt->first,
                "-e", "inject=" + killAt->first + ":signal=KILL:when=" + std::to_string(killAt->second), "--"};
    }
    // --config: an empty kiosk.toml of our own, so a package's /etc/briefing-kiosk/kiosk.toml on this machine
    // (an export folder, a printer) cannot change what the test does.
    for (const auto& a : std::vector<std::string>{env.briefing.string(), "--config", (env.root / "kiosk.toml").string(),
                                                   "--data", data.string(), "--secret-file", env.keyFile.string()})
        argv.push_back(a);
    for (const auto& a : args) argv.push_back(a);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        const fs::path err = env.root / "last-stderr.txt";
        const int errFd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(errFd >= 0 ? errFd : devnull, 2);
        ::setenv("XDG_CONFIG_HOME", env.configHome.c_str(), 1);
        ::setenv("XDG_DATA_HOME", (env.root / "xdg-data").c_str(), 1);
        std::vector<char*> cargv;
        for (auto& a : argv) cargv.push_back(a.data());
        cargv.push_back(nullptr);
        ::execvp(cargv[0], cargv.data());
        ::_exit(127);
    }
    if (delayUs >= 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
        ::kill(pid, SIGKILL);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

bool killed(int status) {
    return (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) || (WIFEXITED(status) && WEXITSTATUS(status) == 137);
}

std::string exitText(int status) {
    if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
    return "exit " + std::to_string(WEXITSTATUS(status));
}

// How many times the operation calls each system call of interest, from one traced run.
std::map<std::string, int> countSyscalls(const Env& env, const fs::path& data, const std::vector<std::string>& args) {
    std::vector<std::string> all = kDurable;
    all.insert(all.end(), kBulk.begin(), kBulk.end());
    std::string set;
    for (const auto& s : all) set += (set.empty() ? "" : ",") + s;
    const fs::path trace = env.root / "trace.txt";
    std::string cmd = "XDG_CONFIG_HOME='" + env.configHome.string() + "' strace -qq -o '" + trace.string() +
                      "' -e trace=" + set + " '" + env.briefing.string() + "' --config '" +
                      (env.root / "kiosk.toml").string() + "' --data '" + data.string() +
                      "' --secret-file '" + env.keyFile.string() + "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("the traced run failed: " + cmd);
    std::map<std::string, int> counts;
    std::ifstream in(trace);
    for (std::string line; std::getline(in, line);) {
        const auto paren = line.find('(');
        if (paren == std::string::npos) continue;
        const std::string name = line.substr(0, paren);
        if (std::find(all.begin(), all.end(), name) != all.end()) ++counts[name];
    }
    return counts;
}

struct Figures {
    int kills = 0, atSyscalls = 0, atRandomTimes = 0, notKilled = 0;
    int erasedBack = 0, markerFiles = 0, hiddenAfterStart = 0, hiddenBeforeStart = 0, zeroByteStores = 0;
    int oldStores = 0, newStores = 0;
    std::map<std::string, int> bySyscall;
    std::vector<std::string> failures;
};

struct Op {
    std::string name;
    std::function<void(const fs::path& data)> build;  // the data folder before the operation
    std::function<std::vector<std::string>()> args;   // the CLI operation (once the folder is built)
    std::function<void(const fs::path& data, int kill, Figures& f)> check;
};

void copyTree(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::remove_all(to, ec);
    if (fs::exists(from)) fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

records::CheckInInput person(const std::string& session, const std::string& name) {
    records::CheckInInput in;
    in.sessionId = session;
    in.name = name;
    in.constituency = "Killfield";
    return in;
}

// The marker person: name, email, answers, plan, a print job with its spool file and a partial spool
// temporary, and an export naming them in our export folder.
std::string addMarker(records::Store& store, const std::string& session, const fs::path& data) {
    auto in = person(session, "Quentin Killmarker-Zed");
    in.email = "killmarker@example.org";
    const std::string id = store.checkIn(in).candidateId;
    store.recordModuleCompleted(id, "m1", {{"q1", "answer-KILLMARKER"}});
    store.saveSafetyPlan(id, {{"where", "plan-KILLMARKER meets at the old mill"}}, true);
    const std::string job = store.enqueuePrint(id, "spool");
    fs::create_directories(data / "spool");
    writeFile(data / "spool" / (job + ".pdf"), "%PDF-1.4 pack for Quentin Killmarker-Zed %%EOF");
    writeFile(data / "spool" / ("." + job + ".pdf.Ab12Cd"), "%PDF-1.4 partial pack for Quentin Killmarker");
    fs::create_directories(data / "exports");
    writeFile(data / "exports" / ("roster-" + session.substr(0, 8) + ".csv"),
              records::rosterCsv(store.session(session), store.roster(session)));
    return id;
}

std::string firstSession(records::Store& store) { return store.listSessions().at(0).id; }

std::unique_ptr<records::Store> openReadOnly(const Env& env, const fs::path& data) {
    auto o = options(env);
    o.access = records::Access::ReadOnly;
    o.onDamage = records::DamagePolicy::Fail;
    o.createIfMissing = false;
    return std::move(records::Store::open(data, o).store);
}

void noteMarkers(const fs::path& data, int kill, Figures& f, const std::string& when) {
    const auto hits = filesWithMarkers(data);
    f.markerFiles += static_cast<int>(hits.size());
    for (const auto& h : hits) f.failures.push_back("kill " + std::to_string(kill) + ": marker in " + h + " " + when);
}

// 20 other people, the marker person with every copy addMarker makes, and `backups` backups of it all.
std::string storeWithMarker(const Env& env, const fs::path& data, int backups) {
    auto store = std::move(records::Store::open(data, options(env)).store);
    const std::string s = store->openSession({"", "Kill Hall", "PC Kill"}, "test");
    for (int i = 0; i < 20; ++i) store->checkIn(person(s, "Other Person " + std::to_string(i)));
    const std::string id = addMarker(*store, s, data);
    for (int i = 0; i < backups; ++i) {
        store->backup();
        std::this_thread::sleep_for(std::chrono::milliseconds(3));  // backups are named by the millisecond
    }
    return id;
}

Op eraseOp(const Env& env, std::string& markerId) {
    Op op;
    op.name = "erase";
    op.build = [&env, &markerId](const fs::path& data) { markerId = storeWithMarker(env, data, 2); };
    op.check = [&env, &markerId](const fs::path& data, int kill, Figures& f) {
        // Running the same erase again finishes what the kill interrupted.
        const int retry = runBriefing(env, data, {"erase", "--candidate", markerId});
        if (!WIFEXITED(retry) || WEXITSTATUS(retry) != 0) {
            f.failures.push_back("kill " + std::to_string(kill) + ": the same erase again: " + exitText(retry) + ": " +
                                 bytesOf(env.root / "last-stderr.txt"));
        }
        auto store = openReadOnly(env, data);
        try {
            store->subjectAccess(markerId);
            ++f.erasedBack;
            f.failures.push_back("kill " + std::to_string(kill) + ": the erased person is in the store");
        } catch (const records::NotFoundError&) {
        }
        if (store->roster(firstSession(*store)).size() != 20)
            f.failures.push_back("kill " + std::to_string(kill) + ": other people were lost");
        if (store->pendingScrubs() != 0) f.failures.push_back("kill " + std::to_string(kill) + ": scrubs left pending");
        const auto v = store->verifyAudit();
        if (!v.ok) f.failures.push_back("kill " + std::to_string(kill) + ": audit: " + v.problem);
        store.reset();
        noteMarkers(data, kill, f, "after the erase was run again");
        const int hidden = hiddenCopies(data);
        f.hiddenAfterStart += hidden;
        if (hidden) f.failures.push_back("kill " + std::to_string(kill) + ": hidden copies after the retry");
    };
    op.args = [&markerId] { return std::vector<std::string>{"erase", "--candidate", markerId}; };
    return op;
}

Op restoreOp(const Env& env, std::string& markerId) {
    Op op;
    op.name = "restore";
    const fs::path offsite = env.root / "offsite-backup.db";  // outside the data folder: erasure cannot reach it
    op.build = [&env, &markerId, offsite](const fs::path& data) {
        auto store = std::move(records::Store::open(data, options(env)).store);
        const std::string s = store->openSession({"", "Kill Hall", "PC Kill"}, "test");
        for (int i = 0; i < 10; ++i) store->checkIn(person(s, "Kept Person " + std::to_string(i)));
        store->setOfficerPin("PC Kill", records::OfficerRole::Officer, kPinOld, "test");
        markerId = addMarker(*store, s, data);
        std::error_code ec;
        fs::remove(offsite, ec);
        fs::copy_file(store->backup(), offsite);
        store->setOfficerPin("PC Kill", records::OfficerRole::Officer, kPinNew, "test");
        store->eraseCandidate(markerId, "test", 90);
        for (int i = 0; i < 5; ++i) store->checkIn(person(s, "Later Person " + std::to_string(i)));
    };
    op.args = [offsite] { return std::vector<std::string>{"restore", offsite.string()}; };
    op.check = [&env, &markerId](const fs::path& data, int kill, Figures& f) {
        const std::string k = "kill " + std::to_string(kill) + ": ";
        f.hiddenBeforeStart += hiddenCopies(data);
        // As the next command finds it, read-only: the old store or the complete new one.
        try {
            auto store = openReadOnly(env, data);
            try {
                store->subjectAccess(markerId);
                ++f.erasedBack;
                f.failures.push_back(k + "the erased person is back");
            } catch (const records::NotFoundError&) {
            }
            const auto hash = store->officerPinHash("PC Kill");
            if (!hash || *hash != kPinNew) f.failures.push_back(k + "the officer's old PIN hash is back");
            const auto v = store->verifyAudit();
            if (!v.ok) f.failures.push_back(k + "audit verify: " + v.problem);
            const int attendees = store->listSessions().at(0).attendees;
            const bool restored = store->auditRows().back().action == "restore";
            if (attendees == 15 && !restored) ++f.oldStores;
            else if (attendees == 10 && restored) ++f.newStores;
            else f.failures.push_back(k + "neither the old store nor the new one (" + std::to_string(attendees) +
                                      " attendees, last audit row " + store->auditRows().back().action + ")");
        } catch (const std::exception& e) {
            f.failures.push_back(k + "the store does not open read-only: " + e.what());
        }
        for (const char* name : {"attendance.db", "attendance.db-wal"}) {
            if (fs::exists(data / name) && bytesOf(data / name).find(kMarkers[0]) != std::string::npos) {
                ++f.erasedBack;
                f.failures.push_back(k + "the erased person's bytes are in " + name);
            }
        }
        // The next start removes what the killed restore left.
        try {
            records::Store::open(data, options(env)).store.reset();
        } catch (const std::exception& e) {
            f.failures.push_back(k + "the next start failed: " + e.what());
        }
        noteMarkers(data, kill, f, "after the next start");
        const int hidden = hiddenCopies(data);
        f.hiddenAfterStart += hidden;
        if (hidden) f.failures.push_back(k + std::to_string(hidden) + " hidden copies after the next start");
    };
    return op;
}

Op backupOp(const Env& env, std::string& markerId) {
    Op op;
    op.name = "backup";
    op.build = [&env, &markerId](const fs::path& data) { markerId = storeWithMarker(env, data, 1); };
    op.args = [] { return std::vector<std::string>{"backup"}; };
    op.check = [&env, &markerId](const fs::path& data, int kill, Figures& f) {
        const std::string k = "kill " + std::to_string(kill) + ": ";
        f.hiddenBeforeStart += hiddenCopies(data);
        for (const auto& e : fs::directory_iterator(data / "backups")) {
            const std::string name = e.path().filename().string();
            if (name.rfind("attendance-", 0) != 0) continue;
            sqlite3* db = nullptr;
            sqlite3_stmt* st = nullptr;
            std::string verdict = "unreadable";
            if (sqlite3_open_v2(e.path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
                sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
                sqlite3_step(st) == SQLITE_ROW)
                verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
            sqlite3_close(db);
            if (verdict != "ok") f.failures.push_back(k + "a partial backup in place: " + name + ": " + verdict);
        }
        // Every other kill: the erasure itself must reach the dead temporaries, with another program
        // holding the folder so start-up clean-up does not run first; the others: the next start.
        std::optional<int> holder;
        if (kill % 2 == 0) {
            holder = ::open((data / "attendance.db-lock").c_str(), O_RDWR);
            struct flock fl {};
            fl.l_type = F_RDLCK;
            fl.l_start = 0;
            fl.l_len = 1;
            if (*holder < 0 || ::fcntl(*holder, F_OFD_SETLK, &fl) != 0) f.failures.push_back(k + "cannot hold the folder");
        }
        try {
            auto store = std::move(records::Store::open(data, options(env)).store);
            store->eraseCandidate(markerId, "test", 90);
        } catch (const std::exception& e) {
            f.failures.push_back(k + "erase after the killed backup: " + e.what());
        }
        if (holder && *holder >= 0) ::close(*holder);
        noteMarkers(data, kill, f, "after erasing the person");
        const int hidden = hiddenCopies(data);
        f.hiddenAfterStart += hidden;
        if (hidden) f.failures.push_back(k + std::to_string(hidden) + " hidden copies after the erase");
    };
    return op;
}

Op createOp(const Env& env) {
    Op op;
    op.name = "create";
    op.build = [](const fs::path&) {};  // no data folder at all
    op.args = [] { return std::vector<std::string>{"session", "open", "--venue", "First Write Hall"}; };
    op.check = [&env](const fs::path& data, int kill, Figures& f) {
        const std::string k = "kill " + std::to_string(kill) + ": ";
        const fs::path file = data / "attendance.db";
        std::error_code ec;
        if (fs::exists(file, ec) && fs::file_size(file, ec) == 0) {
            ++f.zeroByteStores;
            f.failures.push_back(k + "a 0-byte store");
        }
        f.hiddenBeforeStart += fs::exists(data) ? hiddenCopies(data) : 0;
        try {
            auto o = options(env);
            o.onDamage = records::DamagePolicy::Fail;
            auto r = records::Store::open(data, o);
            if (!r.store->verifyAudit().ok) f.failures.push_back(k + "audit: " + r.store->verifyAudit().problem);
        } catch (const std::exception& e) {
            f.failures.push_back(k + "the next open: " + e.what());
        }
        const int hidden = hiddenCopies(data);
        f.hiddenAfterStart += hidden;
        if (hidden) f.failures.push_back(k + std::to_string(hidden) + " hidden copies after the next open");
    };
    return op;
}

// The kill points: every durable system call; then the writes and opens, evenly spread; then random
// times when there are fewer points than kills asked for.
std::vector<std::pair<std::string, int>> killPoints(const std::map<std::string, int>& counts, int wanted) {
    std::vector<std::pair<std::string, int>> durable, bulk, out;
    for (const auto& [name, n] : counts) {
        const bool isDurable = std::find(kDurable.begin(), kDurable.end(), name) != kDurable.end();
        for (int i = 1; i <= n; ++i) (isDurable ? durable : bulk).emplace_back(name, i);
    }
    const auto spread = [&](const std::vector<std::pair<std::string, int>>& from, std::size_t take) {
        for (std::size_t i = 0; i < take && !from.empty(); ++i) out.push_back(from[i * from.size() / take]);
    };
    const auto w = static_cast<std::size_t>(wanted);
    spread(durable, std::min(durable.size(), w));
    if (out.size() < w) spread(bulk, std::min(bulk.size(), w - out.size()));
    return out;
}

void runOp(const Env& env, Op& op, int wanted, std::mt19937& rng, Figures& f, std::size_t firstPoint, int plannedFor) {
    const fs::path tmpl = env.root / ("template-" + op.name) / "data";
    const fs::path data = env.root / ("run-" + op.name) / "data";
    fs::create_directories(tmpl.parent_path());
    fs::create_directories(data.parent_path());
    op.build(tmpl);
    const auto args = op.args();
    copyTree(tmpl, data);
    const auto counts = countSyscalls(env, data, args);
    // How long the operation takes untraced, for the random-time kills.
    copyTree(tmpl, data);
    const auto t0 = std::chrono::steady_clock::now();
    runBriefing(env, data, args);
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    auto points = killPoints(counts, std::max(wanted + static_cast<int>(firstPoint), plannedFor));
    points.erase(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(std::min(firstPoint, points.size())));
    std::uniform_int_distribution<long> delay(0, std::max<long>(1000, static_cast<long>(us)));
    for (int i = 0; f.kills < wanted && i < wanted * 3; ++i) {
        copyTree(tmpl, data);
        int status = 0;
        std::string at;
        if (static_cast<std::size_t>(i) < points.size()) {
            status = runBriefing(env, data, args, points[static_cast<std::size_t>(i)]);
            at = points[static_cast<std::size_t>(i)].first;
        } else {
            status = runBriefing(env, data, args, std::nullopt, static_cast<int>(delay(rng)));
        }
        if (!killed(status)) {
            ++f.notKilled;  // the call came after the operation finished: not a kill
            continue;
        }
        ++f.kills;
        if (at.empty()) ++f.atRandomTimes;
        else {
            ++f.atSyscalls;
            ++f.bySyscall[at];
        }
        op.check(data, f.kills, f);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int kills = 100;
    unsigned seed = 15;
    bool keep = false;           // --keep: leave the work folder (templates, last run) for a look
    std::size_t firstPoint = 0;  // --skip-points K --plan N: the (K+1)th point of a run of N kills, to look at it
    int plannedFor = 0;
    std::string ops = "restore,erase,backup,create";
    Env env;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--kills" && i + 1 < argc) kills = std::atoi(argv[++i]);
        else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        else if (a == "--ops" && i + 1 < argc) ops = argv[++i];
        else if (a == "--briefing" && i + 1 < argc) env.briefing = argv[++i];
        else if (a == "--keep") keep = true;
        else if (a == "--skip-points" && i + 1 < argc) firstPoint = std::strtoul(argv[++i], nullptr, 10);
        else if (a == "--plan" && i + 1 < argc) plannedFor = std::atoi(argv[++i]);
    }
    if (env.briefing.empty() || std::system("strace -V >/dev/null 2>&1") != 0) {
        std::cerr << "usage: hardening_kill_syscalls --briefing PATH [--kills N] [--ops ...]; needs strace "
                     "(tools/setup-deps installs it)\n";
        return 1;
    }
    // On tmpfs when there is one: a SIGKILL does not depend on what reached the disk, and fsync there is
    // free, which keeps 100 kills per operation within a few seconds.
    std::error_code ec;
    const fs::path base = ::access("/dev/shm", W_OK) == 0 ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string tmpl = (base / "bk-kill-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return 1;
    env.root = tmpl;
    env.configHome = env.root / "config";
    fs::create_directories(env.configHome);
    writeFile(env.root / "kiosk.toml", "");
    auto secret = config::SecretKey::generate();
    env.keyFile = env.root / "secret.key";
    {
        const int fd = ::open(env.keyFile.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || ::write(fd, secret.bytes().data(), secret.bytes().size()) != 32) return 1;
        ::close(fd);
    }
    env.key = config::deriveKey(secret, config::KeyPurpose::AuditMac).bytes();

    std::mt19937 rng(seed);
    int failures = 0;
    std::string markerId;
    std::stringstream list(ops);
    for (std::string name; std::getline(list, name, ',');) {
        Op op = name == "restore" ? restoreOp(env, markerId)
                : name == "erase" ? eraseOp(env, markerId)
                : name == "backup" ? backupOp(env, markerId)
                                   : createOp(env);
        Figures f;
        try {
            runOp(env, op, kills, rng, f, firstPoint, plannedFor);
        } catch (const std::exception& e) {
            f.failures.push_back(std::string("setup: ") + e.what());
        }
        std::string where;
        for (const auto& [sc, n] : f.bySyscall) where += (where.empty() ? "" : ", ") + sc + " " + std::to_string(n);
        std::printf("%s: %d kills (%d at chosen system calls: %s; %d at random times; %d runs finished first), "
                    "erased people back %d, marker files %d, hidden copies after the next start or retry %d "
                    "(left until then %d), 0-byte stores %d, old store %d / new store %d, failures %zu\n",
                    op.name.c_str(), f.kills, f.atSyscalls, where.c_str(), f.atRandomTimes, f.notKilled, f.erasedBack,
                    f.markerFiles, f.hiddenAfterStart, f.hiddenBeforeStart, f.zeroByteStores, f.oldStores,
                    f.newStores, f.failures.size());
        for (std::size_t i = 0; i < f.failures.size() && i < 20; ++i) std::printf("  FAIL %s\n", f.failures[i].c_str());
        if (!f.failures.empty() || f.kills < kills) ++failures;
    }
    if (keep) std::printf("work folder kept: %s\n", env.root.c_str());
    else fs::remove_all(env.root, ec);
    return failures == 0 ? 0 : 1;
}
