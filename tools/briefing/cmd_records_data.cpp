// `briefing export`, `purge`, `erase`, `backup`, `restore`, `audit verify`: the attendance store's
// data-protection commands. Layer: tools.
#include "cmd_records.hpp"

#include "kiosk/config/data_dir.hpp"
#include "kiosk/records/export.hpp"

#include <filesystem>
#include <iostream>

namespace briefing {

using namespace kiosk::records;
using kiosk::config::kExitInvalidInput;
using kiosk::config::kExitOk;

namespace {

struct DataArgs {
    std::string session, candidate, format, out, file;
    std::optional<int> olderThan;
    int keep = 24;
};

// Writes the export, then its audit row; when the audit row cannot be saved the file is removed again,
// so every export on disk has exactly one audit row.
void writeAudited(Store& store, const std::string& out, const std::string& bytes, const std::string& detail) {
    writeFileAtomically(out, bytes);
    try {
        store.audit("export", cliActor(), detail);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(out, ec);
        throw;
    }
}

int runExport(Context& ctx, const DataArgs& a) {
    if (a.session.empty() == a.candidate.empty()) {
        std::cerr << "briefing export: give exactly one of --session or --candidate\n";
        return kiosk::config::kExitUsage;
    }
    if (!a.candidate.empty() && a.format != "json") {
        std::cerr << "briefing export: --candidate exports are JSON only (--format json)\n";
        return kiosk::config::kExitUsage;
    }
    const auto& s = ctx.settings();
    if (auto problem = kiosk::config::outputTargetProblem(s.dataDir, s.exportDir, a.out, false))
        throw InputError("export: " + *problem);
    auto store = openRecords(ctx, false);
    if (!a.candidate.empty()) {
        const std::string json = subjectJson(store->subjectAccess(a.candidate));
        writeAudited(*store, a.out, json, "subject access export of candidate " + a.candidate);
    } else {
        const Session s = store->session(a.session);
        const auto rows = store->roster(a.session);
        const std::string bytes = a.format == "csv" ? rosterCsv(s, rows) : rosterJson(s, rows);
        writeAudited(*store, a.out, bytes,
                     "session " + a.session + " as " + a.format + " (" + std::to_string(rows.size()) + " rows)");
    }
    std::cerr << "written " << a.out << '\n';
    return kExitOk;
}

}  // namespace

void addRecordsDataCommands(CLI::App& app, Context& ctx) {
    auto ap = std::make_shared<DataArgs>();
    auto& a = *ap;

    CLI::App* exp = addCommand(app, ctx, "export",
                               "Export a session's attendance (CSV/JSON) or everything held about one candidate (JSON)",
                               [&ctx, ap] { return runRecords([&] { return runExport(ctx, *ap); }); });
    exp->add_option("--session", a.session, "Session UUID");
    exp->add_option("--candidate", a.candidate, "Candidate UUID (subject access request)");
    exp->add_option("--format", a.format, "csv or json")->required()->check(CLI::IsMember({"csv", "json"}));
    exp->add_option("--out", a.out, "File to write (atomically)")->required();

    CLI::App* purge = addCommand(app, ctx, "purge", "Delete personal data older than the retention period", [&ctx, ap] {
        return runRecords([&] {
            const int days = ap->olderThan ? *ap->olderThan : retentionDays(ctx);
            const auto r = openRecords(ctx, false)->purge(days, cliActor());
            std::cout << "purged " << r.candidates << " candidates and " << r.sessions << " sessions older than "
                      << r.cutoff << "; deleted " << r.backupsDeleted << " old backups; scrubbed or removed "
                      << r.copiesScrubbed << " other copies\n";
            return kExitOk;
        });
    });
    purge->add_option("--older-than", a.olderThan, "Days to keep (default: the force profile's retention)")
        ->check(CLI::Range(0, 36500));

    CLI::App* erase = addCommand(app, ctx, "erase", "Erase everything held about one candidate", [&ctx, ap] {
        return runRecords([&] {
            const int days = retentionDays(ctx);
            const auto r = openRecords(ctx, false)->eraseCandidate(ap->candidate, cliActor(), days);
            for (const auto& f : r.removedFiles) std::cerr << "removed " << f << '\n';
            if (r.alreadyErased) {
                std::cout << "candidate " << ap->candidate << " was already erased from the store; "
                          << r.copiesScrubbed << " remaining copies scrubbed now\n";
            } else {
                std::cout << "erased candidate " << ap->candidate << " from the store and its backups ("
                          << r.copiesScrubbed << " other copies scrubbed or removed)\n";
            }
            return kExitOk;
        });
    });
    erase->add_option("--candidate", a.candidate, "Candidate UUID")->required();
    erase->footer(std::string(kExitCodesHelp) +
                  " An erase that could not reach every copy (a backup that cannot be read or written, a full disk) "
                  "exits 3 naming each; running it again finishes it.");

    CLI::App* backup = addCommand(app, ctx, "backup", "Back the store up to backups/attendance-<UTC>.db", [&ctx, ap] {
        return runRecords([&] {
            std::cout << openRecords(ctx, false)->backup(ap->keep, cliActor()).string() << '\n';
            return kExitOk;
        });
    });
    backup->add_option("--keep", a.keep, "How many backups to keep (default 24)")->check(CLI::Range(1, 10000));

    CLI::App* restore = addCommand(app, ctx, "restore",
                                   "Replace the store's content with a backup, re-applying every later erasure and purge",
                                   [&ctx, ap] {
                                       return runRecords([&] {
                                           auto store = openRecords(ctx, true, DamagePolicy::MoveAside);
                                           const auto r = store->restore(ap->file, cliActor());
                                           std::cout << "restored " << ap->file << "; " << r.erasuresReapplied
                                                     << " erasures re-applied; the previous store was saved as "
                                                     << r.safetyBackup << '\n';
                                           if (!r.auditProblem.empty()) {
                                               std::cerr << "briefing: warning: the audit log (kept as it was) "
                                                            "fails verification: " << r.auditProblem << '\n';
                                           }
                                           return kExitOk;
                                       });
                                   });
    ctx.setKeyUse(restore, KeyUse::MayCreateStore);
    restore->add_option("FILE", a.file, "Backup file")->required();

    CLI::App* audit = app.add_subcommand("audit", "Check the officer audit log");
    audit->require_subcommand(1);
    audit->footer(kExitCodesHelp);
    addCommand(*audit, ctx, "verify",
               "Verify the audit log's keyed chain, its head outside the store and the backups' heads; exit 1 "
               "naming the first bad row",
               [&ctx] {
        return runRecords([&] {
            const AuditVerdict v = openRecordsReadOnly(ctx)->verifyAudit();
            if (!v.ok) {
                std::cerr << "briefing: audit log damaged: " << v.problem << '\n';
                return static_cast<int>(kExitInvalidInput);
            }
            std::cout << "audit log ok: " << v.rows << " rows, sealed with key " << v.keyId
                      << (v.unkeyedRows ? ", " + std::to_string(v.unkeyedRows) + " earlier unkeyed rows anchored" : "")
                      << '\n';
            if (v.developmentKey) {
                std::cerr << "briefing: warning: the chain is sealed with the public development key, which "
                             "proves nothing; configure the kiosk's secret\n";
            }
            return static_cast<int>(kExitOk);
        });
    });
}

}  // namespace briefing
