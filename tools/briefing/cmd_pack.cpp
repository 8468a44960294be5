// `briefing pack`, `briefing print`, `briefing print-queue`: safety packs from the store, to files, to the
// configured printer or spool folder, and the print queue. Layer: tools.
#include "cmd_records.hpp"
#include "kiosk/config/data_dir.hpp"

#include "content/course.hpp"
#include "content/text.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/packs/packs.hpp"
#include "kiosk/packs/printer_choice.hpp"
#include "print/font_coverage.hpp"
#include "print_progress.hpp"

#include <unistd.h>

#include <iostream>

namespace briefing {

using namespace kiosk::records;
using kiosk::config::kExitEnvironment;
using kiosk::config::kExitInvalidInput;
using kiosk::config::kExitOk;
using kiosk::config::kExitPartial;
namespace fs = std::filesystem;

namespace {

struct PackArgs {
    std::string candidate, session, lang, paper = "a4", out, outDir, jobId;
    bool largePrint = false;
    bool noPlan = false;
};

// Everything rendering needs, loaded once per command.
struct PackContext {
    content::Course course;
    content::ForceProfile force;
    print::PackRenderer renderer;
};

PackContext loadPackContext(Context& ctx) {
    const auto& s = ctx.settings();
    auto force = content::loadForceProfile(s.forceProfile);
    // The force profile's jurisdiction chooses the course, as in the kiosk.
    auto course = content::loadCourse(s.contentDir, force.jurisdiction);
    return PackContext{std::move(course), std::move(force), print::PackRenderer(print::packAssets(s.resources))};
}

kiosk::packs::PackOptions optionsFrom(const PackArgs& a) {
    kiosk::packs::PackOptions o;
    o.language = a.lang;
    o.largePrint = a.largePrint;
    o.paper = a.paper == "letter" ? print::Paper::Letter : print::Paper::A4;
    o.includePlan = !a.noPlan;
    return o;
}

void addPackOptions(CLI::App* cmd, PackArgs& a) {
    cmd->add_option("--lang", a.lang, "Pack language (default: the candidate's own)")
        ->check(CLI::IsMember({"en-GB", "cy", "bilingual"}));
    cmd->add_flag("--large-print", a.largePrint, "Large print (body text 14 pt or more)");
    cmd->add_option("--paper", a.paper, "Paper size")->check(CLI::IsMember({"a4", "letter"}));
    cmd->add_flag("--no-plan", a.noPlan, "Leave the personal safety plan out of the pack");
}

// Renders one candidate's pack to `file`; on a pack the renderer refuses, says why on stderr. A pack that
// cannot be written (disk full ...) throws print::PackWriteError: the whole command stops with exit 3.
bool writeOnePack(Store& store, const PackContext& pc, const std::string& candidateId,
                  const kiosk::packs::PackOptions& options, const fs::path& file) {
    try {
        const auto request = kiosk::packs::buildPackRequest(store.subjectAccess(candidateId), pc.course, pc.force, options);
        pc.renderer.writeFile(request, file);
        return true;
    } catch (const print::PackWriteError&) {
        throw;
    } catch (const print::PackError& e) {
        std::cerr << "briefing: candidate " << candidateId << " skipped: " << e.what() << '\n';
        return false;
    }
}

// Removes the hidden partial PDFs an earlier, killed run left where this one writes (personal data).
void removeLeftovers(const fs::path& folder, const std::string& fileName) {
    if (const int n = print::removePackTemporaries(folder, fileName))
        std::cerr << "briefing: removed " << n << " partial pack file(s) a killed run left in " << folder.string() << '\n';
}

// Runs the print client over `jobIds` (empty: everything pending). Exit 0 when all printed, 4 when some
// did, 3 when none did because of the printer (unreachable, stopped...), 1 when none could be rendered.
int runPrinting(Context& ctx, Store& store, const PackContext& pc, const std::vector<std::string>& jobIds) {
    const auto& s = ctx.settings();
    auto printer = print::makePrinter(s.printer, s.dataDir / "spool");
    const auto sum = runPrintJobs(store, pc.renderer, pc.course, pc.force, *printer, jobIds, isatty(1) == 1,
                                  std::cout, std::cerr);
    if (sum.waiting == 0 && sum.needsOfficer == 0) return kExitOk;
    if (sum.printed > 0) return kExitPartial;
    return sum.waiting > 0 ? kExitEnvironment : kExitPartial;
}

int listJobs(Context& ctx) {
    return runRecords([&] {
        std::cout << "job\tstate\tattempts\tcreated\tdestination\tlast error\n";
        for (const auto& j : openRecords(ctx, false)->listPrintJobs()) {
            std::cout << j.id << '\t' << printStateKey(j.state) << '\t' << j.attempts << '\t' << j.createdAt << '\t'
                      << j.destination << '\t' << j.lastError << '\n';
        }
        return kExitOk;
    });
}

}  // namespace

void addPackCommands(CLI::App& app, Context& ctx) {
    auto ap = std::make_shared<PackArgs>();
    auto& a = *ap;

    CLI::App* pack = addCommand(app, ctx, "pack", "Render safety packs as PDF files", [&ctx, ap] {
        return runRecords([&] {
            auto& a = *ap;
            const auto& s = ctx.settings();
            if (!a.candidate.empty() && a.out.empty()) throw InputError("--candidate needs --out FILE");
            if (a.candidate.empty() && a.outDir.empty()) throw InputError("--session needs --out-dir DIR");
            const bool toFolder = a.candidate.empty();
            if (auto problem = kiosk::config::outputTargetProblem(s.dataDir, s.exportDir, toFolder ? a.outDir : a.out,
                                                                  toFolder))
                throw InputError("pack: " + *problem);
            auto store = openRecords(ctx, false);
            const auto pc = loadPackContext(ctx);
            const auto options = optionsFrom(a);
            int written = 0;
            int skipped = 0;
            try {
                if (!toFolder) {
                    const fs::path out = a.out;
                    removeLeftovers(out.has_parent_path() ? out.parent_path() : fs::path("."), out.filename().string());
                    return writeOnePack(*store, pc, a.candidate, options, out) ? kExitOk : kExitInvalidInput;
                }
                const auto roster = store->roster(a.session);
                // Packs are personal data: a folder we make for them is 0700.
                if (auto problem = kiosk::config::makePrivateDirectories(a.outDir))
                    throw print::PackWriteError(*problem, errno);
                removeLeftovers(a.outDir, {});
                for (const auto& entry : roster) {
                    const fs::path file = fs::path(a.outDir) / (entry.candidateId + ".pdf");
                    (writeOnePack(*store, pc, entry.candidateId, options, file) ? written : skipped)++;
                }
            } catch (const print::PackWriteError& e) {
                std::cerr << "briefing: pack: " << e.what() << " (nothing partial was left"
                          << (toFolder ? "; " + std::to_string(written) + " packs were written before" : std::string())
                          << ")\n";
                return kExitEnvironment;
            }
            std::cout << "wrote " << written << " packs to " << a.outDir << (skipped ? ", skipped " : "")
                      << (skipped ? std::to_string(skipped) : std::string()) << '\n';
            return skipped ? kExitPartial : kExitOk;
        });
    });
    auto* who = pack->add_option_group("who", "One candidate or a whole session");
    who->add_option("--candidate", a.candidate, "Candidate UUID (with --out)");
    who->add_option("--session", a.session, "Session UUID (with --out-dir): one <candidate-id>.pdf per attendee");
    who->require_option(1);
    pack->add_option("--out", a.out, "PDF file to write (atomically)");
    pack->add_option("--out-dir", a.outDir, "Folder for a session's packs (created if needed)");
    addPackOptions(pack, a);

    CLI::App* printCmd = addCommand(app, ctx, "print", "Queue packs and send them to the configured printer or spool folder",
                                    [&ctx, ap] {
        return runRecords([&] {
            auto& a = *ap;
            auto store = openRecords(ctx, false);
            const auto pc = loadPackContext(ctx);
            const std::string options = optionsFrom(a).encode();
            const std::string destination = ctx.settings().printer.empty() ? "spool" : ctx.settings().printer;
            std::vector<std::string> candidates;
            if (!a.candidate.empty()) {
                store->subjectAccess(a.candidate);  // NotFoundError for an unknown id
                candidates.push_back(a.candidate);
            } else {
                for (const auto& e : store->roster(a.session)) candidates.push_back(e.candidateId);
            }
            std::vector<std::string> jobs;
            for (const auto& c : candidates) {
                jobs.push_back(store->enqueuePrint(c, destination, options));
                store->audit("print", cliActor(), "job " + jobs.back());
            }
            return runPrinting(ctx, *store, pc, jobs);
        });
    });
    auto* printWho = printCmd->add_option_group("who", "One candidate or a whole session");
    printWho->add_option("--candidate", a.candidate, "Candidate UUID");
    printWho->add_option("--session", a.session, "Session UUID: every attendee's pack");
    printWho->require_option(1);
    addPackOptions(printCmd, a);

    CLI::App* queue = app.add_subcommand("print-queue", "List, run, retry or cancel print jobs (state kept in the store)");
    queue->footer(kExitCodesHelp);
    queue->require_subcommand(0, 1);
    queue->callback([&ctx, queue] {
        if (!queue->get_subcommands().empty()) return;
        ctx.exitCode = listJobs(ctx);
    });
    addCommand(*queue, ctx, "list", "List every print job (the default)", [&ctx] { return listJobs(ctx); });
    addCommand(*queue, ctx, "run",
               "Send queued and due jobs, follow those in CUPS (after a crash too) until each is printed, "
               "waiting for the printer or needs an officer",
               [&ctx] {
                   return runRecords([&] {
                       auto store = openRecords(ctx, false);
                       return runPrinting(ctx, *store, loadPackContext(ctx), {});
                   });
               });
    addCommand(*queue, ctx, "retry", "Queue a failed, waiting or cancelled job again and print it now", [&ctx, ap] {
        return runRecords([&] {
            auto store = openRecords(ctx, false);
            store->retryPrint(ap->jobId);
            store->audit("print", cliActor(), "retry job " + ap->jobId);
            return runPrinting(ctx, *store, loadPackContext(ctx), {ap->jobId});
        });
    })->add_option("ID", a.jobId, "Print job UUID")->required();
    addCommand(*queue, ctx, "cancel",
               "Cancel a job that is not finished; a job CUPS holds is cancelled and purged there too", [&ctx, ap] {
        return runRecords([&]() -> int {
            auto store = openRecords(ctx, false);
            const auto job = store->printJob(ap->jobId);
            store->cancelPrint(ap->jobId);
            store->audit("print", cliActor(), "cancel job " + ap->jobId);
            if (!job.inCups && job.state != PrintState::Submitting && job.state != PrintState::Sent) return kExitOk;
            // Withdraw it from CUPS now rather than leave the candidate's pack in its spool until the kiosk's
            // print worker next looks.
            return runPrinting(ctx, *store, loadPackContext(ctx), {ap->jobId});
        });
    })->add_option("ID", a.jobId, "Print job UUID")->required();
}

}  // namespace briefing
