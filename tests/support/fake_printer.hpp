// A destination that takes or refuses every job at once (like the spool folder), for tests about the print
// queue, the officer pages and the journey; CUPS itself is tested against a real cupsd (tests/print).
// Layer: tests (shared).
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/packs/print_runner.hpp"
#include "kiosk/records/store.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace test_support {

// Shared, so a test can "fix the printer" the print worker owns.
struct FakePrinterState {
    std::atomic<bool> broken{false};
    std::atomic<int> printed{0};
    std::atomic<int> refused{0};
};

// Out of paper while `broken` (IPP would say media-empty): status NeedsAttention, submissions refused.
class FakePrinter : public print::Printer {
public:
    explicit FakePrinter(std::shared_ptr<FakePrinterState> s = std::make_shared<FakePrinterState>(),
                         std::string name = "Fake")
        : m_state(std::move(s)), m_name(std::move(name)) {}
    std::string describe() const override { return "fake printer " + m_name; }
    std::string destination() const override { return m_name; }
    print::PrinterStatus status() override {
        print::PrinterStatus st;
        st.condition = m_state->broken ? print::PrinterCondition::NeedsAttention : print::PrinterCondition::Ready;
        if (m_state->broken) st.message = "printer out of paper";
        return st;
    }
    print::Submission submit(const print::PrintJob& job, const std::function<void(int)>&) override {
        print::Submission out;
        if (m_state->broken || job.pdf.empty()) {
            ++m_state->refused;
            out.condition = print::PrinterCondition::NeedsAttention;
            out.message = "printer out of paper";
            return out;
        }
        ++m_state->printed;
        out.result = print::SubmitResult::Completed;
        out.message = "printed by " + m_name;
        return out;
    }
    FakePrinterState& state() { return *m_state; }

private:
    std::shared_ptr<FakePrinterState> m_state;
    std::string m_name;
};

// Gives up at the first failure: tests that want "needs an officer" without waiting out the backoff.
inline kiosk::packs::RetryPolicy noRetries() {
    kiosk::packs::RetryPolicy p;
    p.maxAttempts = 1;
    return p;
}

// Runs the print queue once as the print worker would (every due job, up to `maxPerStep`); returns the news.
inline std::vector<kiosk::packs::PrintNews> runQueue(kiosk::records::Store& store, const print::PackRenderer& renderer,
                                                     const content::Course& course, const content::ForceProfile& force,
                                                     print::Printer& printer,
                                                     kiosk::packs::RetryPolicy policy = noRetries()) {
    kiosk::packs::PrintRunner runner(store, renderer, course, force, {}, std::move(policy), "test-runner");
    std::vector<kiosk::packs::PrintNews> news;
    runner.step(printer, [&](const kiosk::packs::PrintNews& n) { news.push_back(n); });
    return news;
}

inline int count(const std::vector<kiosk::packs::PrintNews>& news, kiosk::packs::NewsKind kind) {
    int n = 0;
    for (const auto& x : news) n += x.kind == kind;
    return n;
}

}  // namespace test_support
