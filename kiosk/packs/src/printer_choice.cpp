// The officer's printer choice and batch printing of a session. Layer: kiosk/packs.
#include "kiosk/packs/printer_choice.hpp"

#include "content/text.hpp"

#include <map>

namespace kiosk::packs {

std::optional<std::string> storedPrinter(const records::Store& store) {
    const auto value = store.setting(kPrinterSettingKey);
    if (!value) return std::nullopt;
    if (*value == "folder") return std::string();
    if (value->rfind("cups:", 0) == 0 && value->size() > 5) return value->substr(5);
    return std::nullopt;
}

std::string effectivePrinter(const records::Store* store, const std::string& configured) {
    if (store) {
        if (auto chosen = storedPrinter(*store)) return *chosen;
    }
    return configured;
}

void choosePrinter(records::Store& store, const std::string& queue, const std::string& actor) {
    if (!queue.empty()) {
        const auto clean = content::text::sanitiseLine(queue).value;
        if (clean != queue || queue.size() > 127 || queue.find_first_of("/#") != std::string::npos)
            throw records::InputError("printer: '" + content::text::repairUtf8(queue) + "' is not a CUPS queue name");
    }
    store.setSetting(kPrinterSettingKey, queue.empty() ? "folder" : "cups:" + queue, actor);
}

std::string printerLabel(const std::string& queue) { return queue.empty() ? "Save to folder" : queue; }

std::string printerDestination(const std::string& queue) { return queue.empty() ? "spool" : queue; }

std::vector<std::string> enqueueSessionPacks(records::Store& store, const std::string& sessionId,
                                             const std::string& destination, const PackOptions& options,
                                             const std::string& actor) {
    const auto roster = store.roster(sessionId);
    PackOptions each = options;
    each.language.clear();  // every candidate gets the pack in their own language
    std::vector<std::string> ids;
    for (const auto& r : roster) ids.push_back(store.enqueuePrint(r.candidateId, destination, each.encode()));
    store.audit("print", actor,
                "batch print of session " + sessionId + ": " + std::to_string(ids.size()) + " packs to " + destination);
    return ids;
}

BatchProgress batchProgress(const records::Store& store, const std::vector<std::string>& jobIds) {
    std::map<std::string, records::PrintJob> byId;
    for (auto& j : store.listPrintJobs()) byId.emplace(j.id, std::move(j));
    BatchProgress p;
    for (const auto& id : jobIds) {
        const auto it = byId.find(id);
        if (it == byId.end()) continue;
        const auto& j = it->second;
        p.jobs.push_back({j.id, j.candidateId, j.state, j.attempts, j.lastError});
        ++p.total;
        switch (j.state) {
            case records::PrintState::Done: ++p.done; break;
            case records::PrintState::Failed: ++p.failed; break;
            case records::PrintState::Cancelled: ++p.cancelled; break;
            case records::PrintState::Waiting: ++p.waiting; ++p.pending; break;
            case records::PrintState::Queued:
            case records::PrintState::Submitting:
            case records::PrintState::Sent: ++p.pending; break;
        }
    }
    return p;
}

}  // namespace kiosk::packs
