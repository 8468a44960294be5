// Export targets (export folder + removable drives) and the audited roster export. Layer: kiosk/officer.
#include "kiosk/officer/export_target.hpp"

#include "kiosk/config/data_dir.hpp"
#include "kiosk/records/export.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk::officer {
namespace fs = std::filesystem;

namespace {

// The folder itself when it exists, else its nearest existing parent (where it would be created).
fs::path existingAncestor(fs::path p) {
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec)) {
        if (p == p.parent_path()) break;
        p = p.parent_path();
    }
    return p;
}

std::uintmax_t freeBytes(const fs::path& p) {
    struct statvfs vfs {};
    if (::statvfs(p.c_str(), &vfs) != 0) return 0;
    return static_cast<std::uintmax_t>(vfs.f_bavail) * static_cast<std::uintmax_t>(vfs.f_frsize);
}

}  // namespace

std::vector<ExportTarget> exportTargets(const fs::path& exportDir, const DriveSources& sources) {
    std::vector<ExportTarget> out;
    if (!exportDir.empty()) {
        const fs::path at = existingAncestor(exportDir);
        out.push_back({"Export folder", exportDir, freeBytes(at), !at.empty() && ::access(at.c_str(), W_OK) == 0,
                       false});
    }
    for (auto& d : listRemovableDrives(sources)) {
        out.push_back({d.label, d.mountPoint, d.freeBytes, d.writable, true});
    }
    return out;
}

fs::path exportRoster(records::Store& store, const std::string& sessionId, ExportFormat format,
                      const fs::path& folder, const std::string& actor) {
    const records::Session session = store.session(sessionId);
    const auto rows = store.roster(sessionId);
    const bool csv = format == ExportFormat::Csv;
    const std::string bytes = csv ? records::rosterCsv(session, rows) : records::rosterJson(session, rows);
    std::error_code ec;
    // Exports hold personal data: a folder we create is 0700, like every folder we make.
    const auto notMade = config::makePrivateDirectories(folder);
    if (notMade || ::access(folder.c_str(), W_OK) != 0) {
        throw ExportError("cannot write to " + folder.string() + " (read-only, missing or not allowed)");
    }
    if (freeBytes(folder) < bytes.size()) throw ExportError("not enough free space on " + folder.string());
    const fs::path file = folder / ("roster-" + session.date + "-" + session.id.substr(0, 8) + (csv ? ".csv" : ".json"));
    try {
        records::writeFileAtomically(file, bytes);
    } catch (const std::runtime_error& e) {
        throw ExportError(e.what());
    }
    try {
        store.audit("export", actor,
                    "session " + session.id + " as " + (csv ? "csv" : "json") + " (" + std::to_string(rows.size()) +
                        " rows) to " + file.string());
    } catch (...) {
        fs::remove(file, ec);
        throw;
    }
    return file;
}

}  // namespace kiosk::officer
