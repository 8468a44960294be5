// Benchmark: the kiosk's print worker (kiosk/packs PrintWorker, as the kiosk runs it) against the stock CUPS
// scheduler with the real socket backend. Prints the time from "Print" (the job queued in the store and the
// worker woken, what the candidate's tap does) to the job accepted by the scheduler and to printed, the time
// to notice a stopped printer and an unreachable one, and as a baseline in the same run the time `lp` takes
// to hand the same PDF to the same queue. Usage: bench_print [--runs N]. Layer: tests (print, bench).
#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "cups_scheduler.hpp"
#include "kiosk/packs/print_worker.hpp"
#include "kiosk/records/store.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Waits for news of `job` of one of `kinds`; the time it arrived, or nullopt after `timeout`.
std::optional<Clock::time_point> waitNews(packs::PrintWorker& w, const std::string& job,
                                          std::initializer_list<packs::NewsKind> kinds, std::chrono::seconds timeout,
                                          std::vector<packs::PrintNews>* seen = nullptr) {
    const auto end = Clock::now() + timeout;
    while (Clock::now() < end) {
        for (const auto& n : w.takeResults()) {
            if (seen) seen->push_back(n);
            if (n.jobId != job) continue;
            for (auto k : kinds)
                if (n.kind == k) return Clock::now();
        }
        std::this_thread::sleep_for(1ms);
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 10;
    for (int i = 1; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    cups_test::Scheduler cups;
    if (!cups.running() || !cups_test::Scheduler::haveSocketBackend()) {
        std::cout << "bench_print: cannot run a private cupsd with the socket backend: " << cups.why << "\n";
        return 1;
    }
    const int port = cups_test::freePort();
    cups_test::PrinterListener listener(port);
    cups.addQueue("Desk", port);
    cups.addQueue("Gone", cups_test::freePort());  // nothing listens: unreachable
    const fs::path data = cups.dir / "kiosk-data";
    const fs::path courseDir = fs::path(BK_SOURCE_DIR) / "content" / "course";
    std::vector<std::string> candidates;
    auto store = std::move(records::Store::open(data).store);
    const auto session = store->openSession({"2026-11-27", "Town Hall", "Sgt Evans"}, "Sgt Evans");
    for (int i = 0; i < runs; ++i) {
        records::CheckInInput in;
        in.sessionId = session;
        in.name = "Bench Candidate " + std::to_string(i);
        in.constituency = "Arfon";
        candidates.push_back(store->checkIn(in).candidateId);
    }
    const auto makeCups = [&](const std::string& queue) {
        print::CupsSettings s;
        s.queue = queue;
        s.server = cups.server();
        return std::make_unique<print::CupsPrinter>(s);
    };
    print::PackRenderer renderer(print::findPackAssets(fs::path(argv[0]).parent_path()));
    packs::PrintWorker worker(data, content::loadCourse(courseDir), content::loadForceProfile(courseDir / "forces/demo.toml"),
                              std::move(renderer), makeCups("Desk"), false, packs::RetryPolicy{},
                              [&](const std::string& q) -> std::unique_ptr<print::Printer> { return makeCups(q); });
    std::this_thread::sleep_for(300ms);  // the worker's first pass (store open) is not part of a tap

    std::vector<double> accepted, printed, lp;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        const auto job = store->enqueuePrint(candidates[static_cast<std::size_t>(i)], "Desk", "");
        worker.wake();
        const auto a = waitNews(worker, job, {packs::NewsKind::Accepted}, 30s);
        const auto p = waitNews(worker, job, {packs::NewsKind::Printed}, 60s);
        if (!a || !p) {
            std::cout << "bench_print: job " << i << " did not print\n";
            return 1;
        }
        accepted.push_back(ms(*a - t0));
        printed.push_back(ms(*p - t0));
    }
    // Baseline: the CUPS client handing over the same kind of PDF (no rendering: the pack from run 0).
    const fs::path pdf = cups.dir / "pack.pdf";
    {
        std::ofstream out(pdf, std::ios::binary);
        const auto docs = listener.documents();
        out << (docs.empty() ? std::string("%PDF-1.4\n%%EOF\n") : docs[0]);
    }
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        cups.run("lp -d Desk -t briefing-pack-bench '" + pdf.string() + "'");
        lp.push_back(ms(Clock::now() - t0));
    }

    // A stopped printer: from "Print" to the worker's news that the printer is stopped.
    cups.run("cupsdisable Desk");
    std::vector<double> stopped;
    {
        const auto t0 = Clock::now();
        const auto job = store->enqueuePrint(candidates[0], "Desk", "");
        worker.wake();
        const auto s = waitNews(worker, job, {packs::NewsKind::PrinterProblem}, 30s);
        if (s) stopped.push_back(ms(*s - t0));
        store->cancelPrint(job);
    }
    cups.run("cupsenable Desk");
    // An unreachable printer (unplugged): from "Print" to the news (the connecting grace is 4 s).
    std::vector<double> unreachable;
    {
        worker.setPrinter(makeCups("Gone"));
        const auto t0 = Clock::now();
        const auto job = store->enqueuePrint(candidates[1], "Gone", "");
        worker.wake();
        const auto s = waitNews(worker, job, {packs::NewsKind::PrinterProblem}, 60s);
        if (s) unreachable.push_back(ms(*s - t0));
        store->cancelPrint(job);
        worker.wake();
    }
    std::printf("print benchmark (stock cupsd %s, socket backend, %d runs, medians):\n", "2.4", runs);
    std::printf("  Print -> accepted by the scheduler:      %8.1f ms (min %.1f, max %.1f)\n", median(accepted),
                *std::min_element(accepted.begin(), accepted.end()), *std::max_element(accepted.begin(), accepted.end()));
    std::printf("  Print -> printed (job completed):         %8.1f ms\n", median(printed));
    std::printf("  baseline: lp hands the same PDF over:     %8.1f ms\n", median(lp));
    std::printf("  Print -> stopped printer noticed:         %8.1f ms\n", stopped.empty() ? -1.0 : stopped[0]);
    std::printf("  Print -> unreachable printer noticed:     %8.1f ms (grace %d s)\n",
                unreachable.empty() ? -1.0 : unreachable[0], static_cast<int>(packs::RetryPolicy{}.connectingGrace.count()));
    std::printf("  before this issue: a stopped or unreachable printer was reported after 60000 ms per job\n");
    return stopped.empty() || unreachable.empty() ? 1 : 0;
}
