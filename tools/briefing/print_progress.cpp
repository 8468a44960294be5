// The command-line print loop and its progress display. Layer: tools.
#include "print_progress.hpp"

#include "kiosk/packs/printer_choice.hpp"

#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace briefing {

using kiosk::packs::NewsKind;
using kiosk::packs::PrintNews;
using kiosk::records::PrintState;

std::string initialsOf(const std::string& name) {
    std::string out;
    bool atStart = true;
    int letters = 0;
    for (std::size_t i = 0; i < name.size() && letters < 4;) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        const bool space = c == ' ' || c == '-' || c == '\t';
        if (space) {
            atStart = true;
        } else if (atStart) {
            out += name.substr(i, len) + ".";
            ++letters;
            atStart = false;
        }
        i += len;
    }
    return out;
}

PrintRunSummary runPrintJobs(kiosk::records::Store& store, const print::PackRenderer& renderer,
                             const content::Course& course, const content::ForceProfile& force,
                             print::Printer& printer, std::vector<std::string> jobIds, bool terminal,
                             std::ostream& out, std::ostream& err) {
    if (jobIds.empty()) {
        for (const auto& j : store.listPrintJobs())
            if (j.state == PrintState::Queued || j.state == PrintState::Submitting || j.state == PrintState::Sent ||
                j.state == PrintState::Waiting || j.inCups)
                jobIds.push_back(j.id);
    }
    const std::set<std::string> watched(jobIds.begin(), jobIds.end());
    std::map<std::string, std::string> initials;  // by candidate id, looked up once
    const auto initialsFor = [&](const std::string& candidateId) -> const std::string& {
        auto it = initials.find(candidateId);
        if (it == initials.end()) {
            std::string i;
            try {
                i = initialsOf(store.subjectAccess(candidateId).name);
            } catch (const kiosk::records::NotFoundError&) {
            }
            it = initials.emplace(candidateId, i).first;
        }
        return it->second;
    };
    std::map<std::string, PrintNews> last;  // the latest news of each watched job
    std::string current;                    // initials of the pack being handled
    PrintRunSummary sum;
    const auto count = [&] {
        sum = {};
        for (const auto& id : jobIds) {
            const auto it = last.find(id);
            if (it == last.end()) continue;
            switch (it->second.kind) {
                case NewsKind::Printed:
                case NewsKind::Saved: ++sum.printed; break;
                case NewsKind::PrinterProblem: ++sum.waiting; break;
                case NewsKind::NeedsOfficer: ++sum.needsOfficer; break;
                case NewsKind::Cancelled: ++sum.cancelled; break;
                case NewsKind::Accepted: break;
            }
        }
    };
    const auto drawLine = [&] {
        if (!terminal) return;
        count();
        const int finished = sum.printed + sum.needsOfficer + sum.cancelled;
        out << "\r\033[K[" << finished << "/" << jobIds.size() << "] "
            << (current.empty() ? std::string() : current + " ")
            << (printer.destination() == "spool" ? "saved " : "printed ") << sum.printed;
        if (sum.waiting) out << ", " << sum.waiting << " waiting for the printer";
        if (sum.needsOfficer) out << ", " << sum.needsOfficer << " need an officer";
        out << std::flush;
    };
    kiosk::packs::PrintRunner runner(
        store, renderer, course, force,
        [&](const std::string& d) { return print::makePrinter(d, store.dataDir() / "spool"); });
    const auto onNews = [&](const PrintNews& n) {
        if (!watched.count(n.jobId)) return;
        last[n.jobId] = n;
        current = initialsFor(n.candidateId);
        if (n.kind == NewsKind::PrinterProblem || n.kind == NewsKind::NeedsOfficer) {
            if (terminal) out << "\r\033[K";
            err << "briefing: print job " << n.jobId << ": " << n.message << '\n';
        }
        drawLine();
    };
    const auto settled = [&] {
        for (const auto& id : jobIds) {
            const auto j = store.printJob(id);
            const bool final = j.state == PrintState::Done || j.state == PrintState::Failed ||
                               j.state == PrintState::Cancelled;
            if (final && !j.inCups) continue;
            if (j.state == PrintState::Waiting && j.nextAttemptAt > kiosk::records::toUtcIso(std::chrono::system_clock::now()))
                continue;  // an automatic retry later: reported already
            // Held up by the printer: reported; the kiosk's print worker (or the next run) carries on.
            const auto it = last.find(id);
            if (!final && it != last.end() && it->second.kind == NewsKind::PrinterProblem) continue;
            return false;
        }
        return true;
    };
    drawLine();
    // A job that prints normally completes in seconds; this only bounds a printer that takes them and
    // never finishes (it is then reported as still printing).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    while (true) {
        runner.step(printer, onNews);
        if (settled() || std::chrono::steady_clock::now() > deadline) break;
        std::this_thread::sleep_for(runner.nextStepIn().value_or(std::chrono::milliseconds(200)));
    }
    count();
    // Jobs the run did not hear about (already final before it started) count by their stored state.
    for (const auto& id : jobIds) {
        if (last.count(id)) continue;
        const auto j = store.printJob(id);
        if (j.state == PrintState::Done) ++sum.printed;
        else if (j.state == PrintState::Failed) ++sum.needsOfficer;
        else if (j.state == PrintState::Cancelled) ++sum.cancelled;
        else ++sum.waiting;
    }
    if (terminal) out << "\r\033[K";
    out << (printer.destination() == "spool" ? "saved " : "printed ") << sum.printed << " of " << jobIds.size();
    if (sum.waiting)
        out << ", " << sum.waiting
            << " waiting for the printer (the kiosk's print worker, or the next `briefing print-queue run`, "
               "carries on with them)";
    if (sum.needsOfficer) out << ", " << sum.needsOfficer << " need an officer (see `briefing print-queue`)";
    if (sum.cancelled) out << ", " << sum.cancelled << " cancelled";
    out << " (to " << printer.describe() << ")\n";
    return sum;
}

}  // namespace briefing
