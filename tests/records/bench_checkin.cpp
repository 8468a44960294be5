// Benchmark (not a test): check-in commit latency, median and p99 over 1,000 commits, with
// synchronous=FULL and the NORMAL baseline. Usage: records_bench_checkin [--dir D] [--count N].
// Layer: tests/records.
#include "kiosk/records/store.hpp"

#include <sys/vfs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace kiosk::records;
namespace fs = std::filesystem;

namespace {

void run(const fs::path& dir, Synchronous sync, int count) {
    OpenOptions options;
    options.synchronous = sync;
    auto store = std::move(Store::open(dir, options).store);
    const std::string session = store->openSession({}, "bench");
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(count));
    for (int i = -20; i < count; ++i) {  // 20 warm-up commits not counted
        CheckInInput in;
        in.sessionId = session;
        in.name = "Bench Candidate " + std::to_string(i);
        in.constituency = "Benchmarkshire";
        const auto t0 = std::chrono::steady_clock::now();
        store->checkIn(in);
        const auto t1 = std::chrono::steady_clock::now();
        if (i >= 0) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    std::printf("synchronous=%-6s commits=%d median=%.3f ms p99=%.3f ms max=%.3f ms\n",
                sync == Synchronous::Full ? "FULL" : "NORMAL", count, median, p99, ms.back());
}

}  // namespace

int main(int argc, char** argv) {
    fs::path base = fs::temp_directory_path();
    int count = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--dir") base = argv[i + 1];
        else if (a == "--count") count = std::max(1, std::atoi(argv[i + 1]));
    }
    std::string tmpl = (base / "bk-bench-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
        std::fprintf(stderr, "cannot create a folder in %s\n", base.c_str());
        return 3;
    }
    struct statfs sfs {};
    ::statfs(tmpl.c_str(), &sfs);
    std::printf("check-in commit latency in %s (filesystem magic 0x%lx; tmpfs 0x1021994 would not sync)\n",
                tmpl.c_str(), static_cast<unsigned long>(sfs.f_type));
    run(fs::path(tmpl) / "full", Synchronous::Full, count);
    run(fs::path(tmpl) / "normal", Synchronous::Normal, count);
    fs::remove_all(tmpl);
    return 0;
}
