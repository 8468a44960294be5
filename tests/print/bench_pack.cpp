// Benchmark (prints figures, not a test): time per pack, packs/s on one and two threads, pages, bytes, peak RSS.
// Layer: tests (print). Usage: bench_pack [COUNT=200]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <ctime>
#include <vector>

#include "fixtures.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the calling thread: the machine is shared, so wall time alone overstates our cost.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int countPages(const std::vector<unsigned char>& pdf) {
    const std::string s(pdf.begin(), pdf.end());
    auto pos = s.find("/Type /Pages");
    if (pos == std::string::npos) return -1;
    auto c = s.find("/Count ", pos);
    return c == std::string::npos ? -1 : std::atoi(s.c_str() + c + 7);
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 200;
    using namespace print;
    const std::vector<std::string> first = {"Siân", "Llŷr", "Zbigniew", "Nguyễn", "Ελένη", "Наталья", "Aoife",
                                            "Dafydd", "Gwen", "Mohammed"};
    const std::vector<std::string> last = {"Gwenllian", "Ŵyn", "Łukasz Wróbel", "Thị Ánh", "Παπαδοπούλου",
                                           "Иванова", "O'Brien-Smith", "ap Rhys", "Jones", "Khan"};
    std::vector<PackRequest> requests;
    for (int i = 0; i < count; ++i)
        requests.push_back(testing::sampleRequest(first[i % 10] + " " + last[(i / 10) % 10] + " " + std::to_string(i),
                                                  i % 2 ? PackLanguage::Welsh : PackLanguage::English));
    PackRenderer renderer(findPackAssets());
    // Warm up (page cache, allocator).
    (void)renderer.render(requests[0]);

    std::vector<double> ms, cpu;
    std::size_t bytes = 0;
    int pages = 0;
    const auto t0 = Clock::now();
    for (const auto& r : requests) {
        const auto a = Clock::now();
        const double c = threadCpuMs();
        auto pdf = renderer.render(r);
        cpu.push_back(threadCpuMs() - c);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        bytes = std::max(bytes, pdf.size());
        pages = countPages(pdf);
    }
    const double oneSec = std::chrono::duration<double>(Clock::now() - t0).count();
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    double load[3] = {0, 0, 0};
    std::FILE* la = std::fopen("/proc/loadavg", "r");
    if (la) {
        if (std::fscanf(la, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        std::fclose(la);
    }

    std::atomic<int> next{0};
    const auto t1 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&] {
            for (int i = next++; i < count; i = next++) (void)renderer.render(requests[i]);
        });
    for (auto& t : threads) t.join();
    const double twoSec = std::chrono::duration<double>(Clock::now() - t1).count();

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("packs: %d different names (English/Welsh alternating), A4, %d pages each\n", count, pages);
    std::printf("load average before the run: %.2f (2 cores; other work on the machine slows wall times)\n", load[0]);
    std::printf("one thread:  median %.2f ms/pack wall (CPU %.2f ms), p90 %.2f ms, %.1f packs/s\n", ms[ms.size() / 2],
                cpu[cpu.size() / 2], ms[ms.size() * 9 / 10], count / oneSec);
    std::printf("two threads: %.1f packs/s\n", count / twoSec);
    std::printf("largest pack: %zu bytes (%.1f KB)\n", bytes, bytes / 1024.0);
    std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}
