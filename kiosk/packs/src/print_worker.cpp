// The print worker thread. Layer: kiosk/packs.
#include "kiosk/packs/print_worker.hpp"

#include "kiosk/packs/printer_choice.hpp"

namespace kiosk::packs {

PrintWorker::PrintWorker(std::filesystem::path dataDir, content::Course course, content::ForceProfile force,
                         print::PackRenderer renderer, std::unique_ptr<print::Printer> printer,
                         bool followStoredChoice, RetryPolicy policy, PrinterFactory factory)
    : m_dataDir(std::move(dataDir)),
      m_course(std::move(course)),
      m_force(std::move(force)),
      m_renderer(std::move(renderer)),
      m_policy(std::move(policy)),
      m_factory(std::move(factory)),
      m_printer(std::move(printer)),
      m_followStoredChoice(followStoredChoice),
      m_thread([this] { loop(); }) {}

PrintWorker::~PrintWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void PrintWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_cv.notify_all();
}

std::vector<PrintResult> PrintWorker::takeResults() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_results, {});
}

void PrintWorker::setPrinter(std::unique_ptr<print::Printer> printer) {
    std::lock_guard lock(m_mutex);
    m_printer = std::move(printer);
    m_followStoredChoice = false;  // an explicit choice wins over what the store said at start
}

void PrintWorker::usePrinter(const std::string& queue) { setPrinter(print::makePrinter(queue, m_dataDir / "spool")); }

std::string PrintWorker::printerDescription() const {
    std::lock_guard lock(m_mutex);
    return m_printer ? m_printer->describe() : std::string("no printer");
}

void PrintWorker::loop() {
    std::unique_ptr<records::Store> store;
    std::unique_ptr<PrintRunner> runner;
    std::optional<std::chrono::milliseconds> wait{std::chrono::milliseconds(0)};  // the first pass at once
    const auto publish = [this](const PrintNews& news) {
        std::lock_guard lock(m_mutex);
        m_results.push_back(news);
    };
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            const auto woken = [this] { return m_pending || m_stop; };
            if (wait) m_cv.wait_for(lock, *wait, woken);
            else m_cv.wait(lock, woken);
            if (m_stop) return;
            m_pending = false;
        }
        try {
            if (!store) {
                records::OpenOptions options;
                options.createIfMissing = false;
                options.onDamage = records::DamagePolicy::Fail;  // the kiosk's own open handles damage
                options.kioskId = "kiosk-printer";
                store = std::move(records::Store::open(m_dataDir, options).store);
                const auto chosen = storedPrinter(*store);
                std::lock_guard lock(m_mutex);
                if (chosen && m_followStoredChoice) m_printer = print::makePrinter(*chosen, m_dataDir / "spool");
                m_followStoredChoice = false;
            }
            if (!runner) {
                PrinterFactory factory = m_factory;
                if (!factory)
                    factory = [spool = m_dataDir / "spool"](const std::string& d) { return print::makePrinter(d, spool); };
                runner = std::make_unique<PrintRunner>(*store, m_renderer, m_course, m_force, std::move(factory), m_policy);
            }
            std::shared_ptr<print::Printer> printer;
            {
                std::lock_guard lock(m_mutex);
                printer = m_printer;
            }
            runner->step(*printer, publish);
            wait = runner->nextStepIn();
        } catch (const std::exception& e) {
            // The store could not be opened or written: the jobs stay in the queue (their state says what CUPS
            // may hold), the officer sees the problem, and the worker tries again shortly.
            PrintNews news;
            news.kind = NewsKind::PrinterProblem;
            news.message = std::string("print queue: ") + e.what();
            publish(news);
            runner.reset();
            store.reset();
            wait = std::chrono::seconds(5);
        }
    }
}

}  // namespace kiosk::packs
