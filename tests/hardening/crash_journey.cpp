// Crash test over a whole candidate journey (issue 8): a child checks in, completes modules, saves a safety
// plan, queues and prints packs into a spool folder, reporting each step on a pipe; the parent kills it with
// SIGKILL at random moments and restarts it. Afterwards: no confirmed record lost, nothing counted or printed
// twice, integrity_check ok. Usage: hardening_crash_journey [--kills N] [--seed S] [--max-delay-ms M]
// [--dir D]. Prints its figures; exit 1 on any failure. Layer: tests/hardening.
#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/packs/packs.hpp"
#include "kiosk/packs/print_runner.hpp"
#include "kiosk/records/clock.hpp"
#include "kiosk/records/store.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

#include "child_process.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace kiosk;
namespace fs = std::filesystem;
using hardening::readAll;
using hardening::writeLine;

namespace {

constexpr int kModulesPerCandidate = 3;

// Tells the parent each time a pack is handed to the real printer ("W"), when it has been written ("w"), and
// "X" when the pack was already in the spool folder: a second copy of a pack printed before (double print).
class ReportingPrinter : public print::SpoolFolderPrinter {
public:
    ReportingPrinter(fs::path spool, std::function<void(const std::string&)> report)
        : SpoolFolderPrinter(spool), m_spool(std::move(spool)), m_report(std::move(report)) {}
    print::Submission submit(const print::PrintJob& job, const std::function<void(int)>& created) override {
        std::error_code ec;
        if (fs::exists(m_spool / (job.jobId + ".pdf"), ec)) m_report("X " + job.jobId);
        m_report("S " + job.jobId);
        m_report("W " + job.jobId);
        auto out = SpoolFolderPrinter::submit(job, created);
        m_report("w " + job.jobId);
        return out;
    }

private:
    fs::path m_spool;
    std::function<void(const std::string&)> m_report;
};

// One pass of the print client, as the kiosk's print worker runs it: "D"/"F" for packs done or given up.
void runPrinter(records::Store& store, const print::PackRenderer& renderer, const content::Course& course,
                const content::ForceProfile& force, print::Printer& printer,
                const std::function<void(const std::string&)>& report) {
    packs::PrintRunner runner(store, renderer, course, force, {});
    runner.step(printer, [&](const packs::PrintNews& n) {
        if (n.kind == packs::NewsKind::Saved || n.kind == packs::NewsKind::Printed) report("D " + n.jobId);
        if (n.kind == packs::NewsKind::NeedsOfficer) {
            report("F " + n.jobId);
            std::fprintf(stderr, "child: job failed: %s\n", n.message.c_str());
        }
    });
}

struct World {
    fs::path dataDir, spoolDir;
    content::Course course;
    content::ForceProfile force;
    print::PackRenderer renderer;
};

// What the previous child left unconfirmed and the next one retries: a check-in token, a module completion.
struct Retry {
    std::string token;
    std::string candidate, module;
};

std::vector<records::Answer> moduleAnswers(const std::string& moduleId) {
    return {{moduleId + ".q1", "b"}, {moduleId + ".q2", "a"}};
}

std::vector<records::Answer> planAnswers(const std::string& candidateId) {
    return {{packs::kPlanPartner, "Partner of " + candidateId.substr(0, 8)}, {packs::kPlanCheckIns, "Every two hours"}};
}

// The child. Lines: "T token" / "C token id" (check-in), "m cand mod" / "M cand mod" (module), "p cand" /
// "P cand" (plan), "q cand" / "Q job" (queue), "c" / "S job" (claim), "W job" / "w job" (printer), "D job" /
// "F job" (done/failed recorded). A lower-case or T line is the intent, the upper-case one the confirmation.
[[noreturn]] void runChild(const World& w, int fd, const Retry& retry, int generation) {
    try {
        records::OpenOptions options;
        options.kioskId = "crash-" + std::to_string(generation);
        auto store = std::move(records::Store::open(w.dataDir, options).store);
        const auto report = [fd](const std::string& line) { writeLine(fd, line); };
        ReportingPrinter printer(w.spoolDir, report);
        const packs::PackOptions packOptions;
        if (!retry.candidate.empty()) {
            writeLine(fd, "m " + retry.candidate + " " + retry.module);
            store->recordModuleCompleted(retry.candidate, retry.module, moduleAnswers(retry.module));
            writeLine(fd, "M " + retry.candidate + " " + retry.module);
        }
        for (int i = 0;; ++i) {
            records::CheckInInput in;
            in.token = (i == 0 && !retry.token.empty()) ? retry.token : records::uuidV4();
            in.name = "Journey Candidate " + std::to_string(generation) + "-" + std::to_string(i);
            in.constituency = "Crashfield";
            writeLine(fd, "T " + in.token);
            const auto r = store->checkIn(in);
            writeLine(fd, "C " + in.token + " " + r.candidateId);
            for (int m = 0; m < kModulesPerCandidate && m < static_cast<int>(w.course.manifest.modules.size()); ++m) {
                const std::string& mod = w.course.manifest.modules[static_cast<std::size_t>(m)];
                writeLine(fd, "m " + r.candidateId + " " + mod);
                store->recordModuleCompleted(r.candidateId, mod, moduleAnswers(mod));
                writeLine(fd, "M " + r.candidateId + " " + mod);
            }
            writeLine(fd, "p " + r.candidateId);
            store->saveSafetyPlan(r.candidateId, planAnswers(r.candidateId), true);
            writeLine(fd, "P " + r.candidateId);
            writeLine(fd, "q " + r.candidateId);
            const std::string jobId = store->enqueuePrint(r.candidateId, "spool", packOptions.encode());
            writeLine(fd, "Q " + jobId + " " + r.candidateId);
            writeLine(fd, "c");
            runPrinter(*store, w.renderer, w.course, w.force, printer, report);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "child: %s\n", e.what());
        ::_exit(3);
    }
}

// The lines a targeted kill waits for: the start of each step of the journey ("D": a pack done, the next
// check-in begins; this also makes sure some packs complete when rendering is slow, as under ASan).
constexpr const char* kSteps[] = {"T", "m", "p", "q", "c", "S", "W", "w", "D"};

// Reads the child's report until a complete line starting the step `tag` (or the end of the pipe).
std::string readUntilStep(int fd, const std::string& tag) {
    std::string out;
    char buf[512];
    std::size_t scanned = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return out;
        out.append(buf, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = out.find('\n', scanned)) != std::string::npos; scanned = nl + 1) {
            const std::string_view line(out.data() + scanned, nl - scanned);
            if (line == tag || line.rfind(tag + " ", 0) == 0) return out;
        }
    }
}

// The step a kill interrupted, named from the child's last complete line.
std::string phaseAfter(const std::string& last) {
    if (last.empty()) return "start-up (open store)";
    switch (last[0]) {
        case 'T': return "check-in";
        case 'm': return "module completion";
        case 'p': return "safety plan";
        case 'q': return "queueing the pack";
        case 'c': return "claiming the job";
        case 'S': return "rendering the pack";
        case 'W': return "writing the spool file";
        case 'w': return "marking the job done";
        case 'C': case 'M': return "module completion";
        case 'P': return "queueing the pack";
        case 'Q': return "claiming the job";
        case 'D': case 'F': return "check-in";
        default: return "other";
    }
}

bool completePdf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.rfind("%PDF-", 0) != 0) return false;
    const auto end = bytes.find_last_not_of(" \r\n");
    return end != std::string::npos && end >= 4 && bytes.compare(end - 4, 5, "%%EOF") == 0;
}

struct Tally {
    std::map<std::string, std::string> checkIns;                 // token -> candidate id
    std::set<std::pair<std::string, std::string>> modules;       // (candidate, module) confirmed
    std::set<std::string> plans;                                 // candidate ids
    std::set<std::string> queued, done;                          // job ids
    std::map<std::string, int> handedToPrinter;                  // job id -> "W" lines
    std::map<std::string, int> printedAgain;                     // job id -> "X" lines (a second copy)
    std::map<std::string, int> killPhases;
    int retriedTokens = 0, retriedModules = 0, childErrors = 0, failedJobs = 0;
};

}  // namespace

int main(int argc, char** argv) {
    int kills = 200, maxDelayMs = 120;
    fs::path dir;
    unsigned seed = std::random_device{}();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--kills") kills = std::atoi(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
        else if (a == "--seed") seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
        else if (a == "--max-delay-ms") maxDelayMs = std::atoi(argv[i + 1]);
        else {
            std::cerr << "unknown argument " << a << "\n";
            return 2;
        }
    }
    bool ownDir = false;
    if (dir.empty()) {
        std::string tmpl = (fs::temp_directory_path() / "bk-crash-journey-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) return 3;
        dir = tmpl;
        ownDir = true;
    }
    const fs::path courseDir = fs::path(BK_SOURCE_DIR) / "content" / "course";
    // Loaded once here; each forked child inherits it, so a restart costs what the kiosk's store open costs.
    World world{dir / "data", dir / "spool", content::loadCourse(courseDir),
                content::loadForceProfile(courseDir / "forces" / "demo.toml"),
                print::PackRenderer(print::findPackAssets(fs::path(argv[0]).parent_path()))};
    fs::create_directories(world.spoolDir);

    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delayUs(0, maxDelayMs * 1000);
    Tally t;
    Retry retry;
    const auto start = std::chrono::steady_clock::now();

    for (int k = 0; k < kills; ++k) {
        int fds[2];
        if (::pipe(fds) != 0) return 3;
        std::fflush(nullptr);
        const pid_t pid = ::fork();
        if (pid < 0) return 3;
        if (pid == 0) {
            ::close(fds[0]);
            runChild(world, fds[1], retry, k);
        }
        ::close(fds[1]);
        if (!retry.token.empty()) ++t.retriedTokens;
        if (!retry.candidate.empty()) ++t.retriedModules;
        // Half the kills come at a random time from the start; the other half a random 0-3 ms after the child
        // begins a randomly chosen step, so the short steps (spool write, marking done) are hit too.
        std::string out;
        if (k % 2 == 0) {
            std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        } else {
            const std::string tag = std::string(kSteps[std::uniform_int_distribution<std::size_t>(0, std::size(kSteps) - 1)(rng)]);
            out = readUntilStep(fds[0], tag);
            std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(rng)));
        }
        ::kill(pid, SIGKILL);
        out += readAll(fds[0]);
        ::close(fds[0]);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) ++t.childErrors;

        std::string last, tokenIntent;
        std::pair<std::string, std::string> moduleIntent;
        std::istringstream lines(out);
        for (std::string line; std::getline(lines, line);) {
            if (lines.eof()) break;  // a line cut by the kill has no newline
            last = line;
            std::istringstream f(line);
            std::string tag, a, b;
            f >> tag >> a >> b;
            if (tag == "T") {
                tokenIntent = a;
            } else if (tag == "C") {
                if (t.checkIns.count(a) && t.checkIns[a] != b) {
                    std::cerr << "FAIL: token " << a << " returned two different candidate ids\n";
                    return 1;
                }
                t.checkIns[a] = b;
                if (a == tokenIntent) tokenIntent.clear();
            } else if (tag == "m") {
                moduleIntent = {a, b};
            } else if (tag == "M") {
                t.modules.insert({a, b});
                moduleIntent = {};
            } else if (tag == "P") {
                t.plans.insert(a);
            } else if (tag == "Q") {
                t.queued.insert(a);
            } else if (tag == "W") {
                ++t.handedToPrinter[a];
            } else if (tag == "X") {
                ++t.printedAgain[a];
            } else if (tag == "D") {
                t.done.insert(a);
            } else if (tag == "F") {
                ++t.failedJobs;
            }
        }
        ++t.killPhases[phaseAfter(last)];
        // What was attempted but not confirmed is retried by the next child, as the kiosk's journey would.
        if (tokenIntent.empty() && !retry.token.empty() && !t.checkIns.count(retry.token)) tokenIntent = retry.token;
        retry.token = tokenIntent;
        if (moduleIntent.first.empty() && !retry.candidate.empty() && !t.modules.count({retry.candidate, retry.module}))
            moduleIntent = {retry.candidate, retry.module};
        retry.candidate = moduleIntent.first;
        retry.module = moduleIntent.second;
    }

    // The kiosk after the last kill: its print worker reconciles what the killed ones left and prints the rest.
    long finalPassAgain = 0;
    {
        auto store = std::move(records::Store::open(world.dataDir).store);
        const auto report = [&](const std::string& line) {
            if (line[0] == 'X') ++finalPassAgain;
            if (line[0] == 'D') t.done.insert(line.substr(2));
        };
        ReportingPrinter printer(world.spoolDir, report);
        for (int i = 0; i < 20; ++i) {
            if (store->printJobsInCups().empty() && !store->nextPrintDue()) break;
            runPrinter(*store, world.renderer, world.course, world.force, printer, report);
        }
    }

    // Verification with every child gone.
    sqlite3* db = nullptr;
    if (sqlite3_open((world.dataDir / records::kStoreFileName).c_str(), &db) != SQLITE_OK) {
        std::cerr << "FAIL: cannot open the store\n";
        return 1;
    }
    auto text = [db](const std::string& sql, std::initializer_list<std::string> args = {}) {
        sqlite3_stmt* st = nullptr;
        std::string v;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return std::string("<sql error>");
        int i = 1;
        for (const auto& a : args) sqlite3_bind_text(st, i++, a.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    };
    auto number = [&](const std::string& sql, std::initializer_list<std::string> args = {}) {
        return std::atol(text(sql, args).c_str());
    };
    const std::string integrity = text("PRAGMA integrity_check");
    const long foreignKeyProblems = number("SELECT count(*) FROM pragma_foreign_key_check");

    long lostCheckIns = 0, lostModules = 0, lostPlans = 0, lostJobs = 0, lostDone = 0, donePdfMissing = 0;
    for (const auto& [token, id] : t.checkIns)
        if (text("SELECT candidate_id FROM checkins WHERE token = ?", {token}) != id) ++lostCheckIns;
    for (const auto& [cand, mod] : t.modules)
        if (number("SELECT count(*) FROM module_answers WHERE candidate_id = ? AND module_id = ?", {cand, mod}) != 2)
            ++lostModules;
    for (const auto& cand : t.plans)
        if (number("SELECT count(*) FROM safety_plan_answers WHERE candidate_id = ?", {cand}) != 2) ++lostPlans;
    for (const auto& job : t.queued)
        if (number("SELECT count(*) FROM print_jobs WHERE id = ?", {job}) != 1) ++lostJobs;
    for (const auto& job : t.done) {
        if (text("SELECT state FROM print_jobs WHERE id = ?", {job}) != "done") ++lostDone;
        if (!completePdf(world.spoolDir / (job + ".pdf"))) ++donePdfMissing;
    }
    const long duplicateCheckIns = number("SELECT count(*) - count(DISTINCT token) FROM checkins");
    const long duplicateModules = number(
        "SELECT count(*) FROM (SELECT 1 FROM module_progress GROUP BY candidate_id, module_id HAVING count(*) > 1)");
    const long moduleRows = number("SELECT count(*) FROM module_progress");
    // A pack handed over twice is fine when the first write never completed (killed before the rename): it
    // is a double print only when its file was already there ("X").
    long printedTwice = finalPassAgain;
    for (const auto& [job, n] : t.printedAgain) printedTwice += n;
    long handedOverAgain = 0;
    for (const auto& [job, n] : t.handedToPrinter)
        if (n > 1) ++handedOverAgain;
    const long doneRetried = 0;  // a retry after a kill is expected now; printedTwice counts real second copies
    const long leftSent = number("SELECT count(*) FROM print_jobs WHERE state IN ('sent', 'submitting', 'waiting')");
    const long leftQueued = number("SELECT count(*) FROM print_jobs WHERE state = 'queued'");
    const long doneRows = number("SELECT count(*) FROM print_jobs WHERE state = 'done'");
    const long failedRows = number("SELECT count(*) FROM print_jobs WHERE state = 'failed'");
    // A job left "sent" whose pack reached the spool folder: the printer may have it; never sent again.
    long sentWithPdf = 0, sentReprinted = 0;
    {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT id FROM print_jobs WHERE state IN ('sent', 'submitting')", -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            if (fs::exists(world.spoolDir / (id + ".pdf"))) ++sentWithPdf;
            if (t.printedAgain.count(id)) ++sentReprinted;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    long strayTemp = 0, spoolPdfs = 0;
    for (const auto& e : fs::directory_iterator(world.spoolDir)) {
        if (e.path().extension() == ".pdf") ++spoolPdfs;
        else ++strayTemp;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::cout << "journey crash test: seed " << seed << ", " << kills << " SIGKILLs in " << seconds
              << " s (half at 0-" << maxDelayMs << " ms after start, half 0-3 ms into a random step)\n  killed during:";
    for (const auto& [phase, n] : t.killPhases) std::cout << " " << phase << " " << n << ";";
    std::cout << "\n  confirmed: check-ins " << t.checkIns.size() << ", module completions " << t.modules.size()
              << ", safety plans " << t.plans.size() << ", packs queued " << t.queued.size() << ", packs printed "
              << t.done.size() << "\n  retried after a kill: check-in tokens " << t.retriedTokens
              << ", module completions " << t.retriedModules
              << "\n  confirmed records lost: " << (lostCheckIns + lostModules + lostPlans + lostJobs + lostDone)
              << " (check-ins " << lostCheckIns << ", modules " << lostModules << ", plans " << lostPlans
              << ", queued jobs " << lostJobs << ", done jobs " << lostDone << "); printed packs missing or torn "
              << donePdfMissing << "\n  duplicates: " << (duplicateCheckIns + duplicateModules + printedTwice + doneRetried)
              << " (check-ins " << duplicateCheckIns << ", module completions counted twice " << duplicateModules
              << " of " << moduleRows << " rows, packs printed twice " << printedTwice
              << "; handed over again after a kill before the write completed " << handedOverAgain
              << ")\n  print queue: done " << doneRows << ", left in flight (stuck) "
              << leftSent << " (pack in spool " << sentWithPdf << ", reprinted " << sentReprinted << "), queued "
              << leftQueued << ", failed " << failedRows << " (failures reported by children " << t.failedJobs
              << "); spool PDFs " << spoolPdfs << ", temporary files left by kills " << strayTemp
              << "\n  integrity failures: " << ((integrity == "ok" ? 0 : 1) + foreignKeyProblems)
              << " (integrity_check " << integrity << ", foreign key problems " << foreignKeyProblems << ")"
              << "\n  children not ended by SIGKILL: " << t.childErrors << "\n";
    if (ownDir) fs::remove_all(dir);
    const bool ok = lostCheckIns + lostModules + lostPlans + lostJobs + lostDone + donePdfMissing == 0 &&
                    duplicateCheckIns + duplicateModules + printedTwice + doneRetried + sentReprinted == 0 &&
                    integrity == "ok" && foreignKeyProblems == 0 && t.childErrors == 0 && failedRows == 0 &&
                    leftSent == 0 && leftQueued == 0 &&
                    !t.done.empty() && !t.modules.empty();
    std::cout << (ok ? "PASS\n" : "FAIL\n");
    return ok ? 0 : 1;
}
