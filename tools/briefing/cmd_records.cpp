// `briefing session open|close|list|merge`, `briefing checkin`, `briefing roster`: the attendance store's
// day-to-day commands. Layer: tools.
#include "cmd_records.hpp"

#include "invoker.hpp"

#include "content/diagnostic.hpp"
#include "kiosk/records/clock.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace briefing {

using namespace kiosk::records;
using kiosk::config::kExitEnvironment;
using kiosk::config::kExitInvalidInput;
using kiosk::config::kExitOk;

namespace {

std::unique_ptr<Store> openWith(Context& ctx, OpenOptions options) {
    // Under a file-size limit the kernel would kill us with SIGXFSZ; ignored, the write fails with EFBIG
    // and the store reports "not saved" (exit 3) instead.
    std::signal(SIGXFSZ, SIG_IGN);
    options.kioskId = "cli";
    options.exportDir = ctx.settings().exportDir;
    // The audit chain's key (loaded at start-up as the command declared). None is loaded only when the data
    // folder holds no store, and then opening reports the missing store itself.
    if (ctx.loadedSecret()) {
        options.auditKey = kiosk::config::deriveKey(ctx.secret(), kiosk::config::KeyPurpose::AuditMac).bytes();
    }
    try {
        options.forceId = content::loadForceProfile(ctx.settings().forceProfile).id;
    } catch (const std::exception&) {
        // Sessions opened without a readable force profile record no force; purge/erase still insist on it.
    }
    becomeDataOwner(ctx.settings().dataDir);
    auto result = Store::open(ctx.settings().dataDir, options);
    if (result.movedAside) {
        std::cerr << "briefing: the damaged store (" << result.problem << ") was moved aside to "
                  << result.movedAside->string() << "; a fresh one was created\n";
    }
    if (result.temporariesRemoved > 0) {
        std::cerr << "briefing: removed " << result.temporariesRemoved
                  << " hidden temporary file(s) left by an interrupted backup, restore or export\n";
    }
    if (options.access == Access::ReadWrite) {
        if (const int pending = result.store->pendingScrubs()) {
            std::cerr << "briefing: an interrupted erase or purge left " << pending
                      << " copies to scrub; run it again (or start the kiosk) to finish it\n";
        }
    }
    return std::move(result.store);
}

}  // namespace

std::unique_ptr<Store> openRecords(Context& ctx, bool create, DamagePolicy onDamage) {
    OpenOptions options;
    options.createIfMissing = create;
    options.onDamage = onDamage;
    return openWith(ctx, options);
}

std::unique_ptr<Store> openRecordsReadOnly(Context& ctx) {
    OpenOptions options;
    options.createIfMissing = false;
    options.onDamage = DamagePolicy::Fail;
    options.access = Access::ReadOnly;
    return openWith(ctx, options);
}

int runRecords(const std::function<int()>& fn) {
    try {
        return fn();
    } catch (const StoreError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitEnvironment;
    } catch (const DataOwnerError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitEnvironment;
    } catch (const InputError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitInvalidInput;
    } catch (const content::LoadError& e) {
        for (const auto& d : e.diagnostics()) std::cerr << d.format() << '\n';
        return kExitInvalidInput;
    }
}

std::string cliActor() {
    // Captured on first use; main() makes that use come before any switch to the data folder's owner.
    static const std::string actor = Invoker::fromProcess().actor();
    return actor;
}

int retentionDays(Context& ctx) { return content::loadForceProfile(ctx.settings().forceProfile).defaults.retentionDays; }

namespace {

struct SessionArgs {
    std::string date, venue, officer, id, from, into;
};

struct CheckInArgs {
    std::string session, name, constituency, lang = "en-GB", token;
    std::optional<std::string> email, phone;
};

void addSessionCommands(CLI::App& app, Context& ctx, std::shared_ptr<SessionArgs> ap) {
    auto& a = *ap;
    CLI::App* session = app.add_subcommand("session", "Open, close, list or merge briefing sessions");
    session->require_subcommand(1);
    session->footer(kExitCodesHelp);

    CLI::App* open = addCommand(*session, ctx, "open", "Open a session; prints only its UUID", [&ctx, ap] {
        return runRecords([&] {
            auto& a = *ap;
            auto store = openRecords(ctx, true);
            const std::string actor = a.officer.empty() ? cliActor() : a.officer;
            std::cout << store->openSession({a.date, a.venue, a.officer}, actor) << '\n';
            return kExitOk;
        });
    });
    ctx.setKeyUse(open, KeyUse::MayCreateStore);
    open->add_option("--date", a.date, "Day of the session, YYYY-MM-DD (default: today, Europe/London)");
    open->add_option("--venue", a.venue, "Where the briefing takes place");
    open->add_option("--officer", a.officer, "Officer running the session");

    CLI::App* close = addCommand(*session, ctx, "close", "Close a session", [&ctx, ap] {
        return runRecords([&] {
            auto& a = *ap;
            openRecords(ctx, false)->closeSession(a.id, cliActor());
            return kExitOk;
        });
    });
    close->add_option("ID", a.id, "Session UUID")->required();

    addCommand(*session, ctx, "list", "List sessions (times in Europe/London)", [&ctx] {
        return runRecords([&] {
            const auto sessions = openRecordsReadOnly(ctx)->listSessions();
            std::cout << "id\tdate\tstatus\tkind\tattendees\tvenue\tofficer\n";
            for (const auto& s : sessions) {
                std::cout << s.id << '\t' << s.date << '\t' << s.status << '\t' << (s.walkIn ? "walk-in" : "booked")
                          << '\t' << s.attendees << '\t' << s.venue << '\t' << s.officer << '\n';
            }
            return kExitOk;
        });
    });

    CLI::App* merge = addCommand(*session, ctx, "merge", "Move every check-in of FROM (e.g. a walk-in session) into INTO",
                                 [&ctx, ap] {
                                     return runRecords([&] {
            auto& a = *ap;
                                         const int n = openRecords(ctx, false)->mergeSession(a.from, a.into, cliActor());
                                         std::cout << "moved " << n << " check-ins into " << a.into << '\n';
                                         return kExitOk;
                                     });
                                 });
    merge->add_option("FROM", a.from, "Session to merge and remove")->required();
    merge->add_option("INTO", a.into, "Session that receives the check-ins")->required();
}

void addCheckInCommand(CLI::App& app, Context& ctx, std::shared_ptr<CheckInArgs> ap) {
    auto& a = *ap;
    CLI::App* cmd = addCommand(app, ctx, "checkin",
                               "Record a paper/manual check-in; prints the candidate's UUID once committed", [&ctx, ap] {
                                   return runRecords([&] {
            auto& a = *ap;
                                       CheckInInput in;
                                       in.sessionId = a.session;
                                       in.name = a.name;
                                       in.constituency = a.constituency;
                                       in.email = a.email;
                                       in.phone = a.phone;
                                       in.language = a.lang;
                                       in.token = a.token;
                                       in.officer = cliActor();
                                       std::cout << openRecords(ctx, true)->checkIn(in).candidateId << '\n';
                                       return kExitOk;
                                   });
                               });
    ctx.setKeyUse(cmd, KeyUse::MayCreateStore);
    cmd->add_option("--session", a.session, "Session UUID")->required();
    cmd->add_option("--name", a.name, "Candidate's name")->required();
    cmd->add_option("--constituency", a.constituency, "Constituency or ward")->required();
    cmd->add_option("--email", a.email, "Email address (optional)");
    cmd->add_option("--phone", a.phone, "Phone number (optional)");
    cmd->add_option("--lang", a.lang, "Preferred language")->check(CLI::IsMember({"en-GB", "cy"}));
    cmd->add_option("--token", a.token, "Idempotency token (UUID): a repeat returns the first check-in's id");
}

void addRosterCommand(CLI::App& app, Context& ctx, std::shared_ptr<SessionArgs> ap) {
    auto& a = *ap;
    CLI::App* cmd = addCommand(app, ctx, "roster", "List a session's attendees (times in Europe/London)", [&ctx, ap] {
        return runRecords([&] {
            auto& a = *ap;
            auto store = openRecords(ctx, false);
            const auto rows = store->roster(a.id);
            store->audit("view-roster", cliActor(), "session " + a.id);
            std::cout << "candidate\tchecked in\tname\tconstituency\tlanguage\tmodules\tpack\n";
            for (const auto& r : rows) {
                std::cout << r.candidateId << '\t' << londonDisplayFromIso(r.checkedInAt) << '\t' << r.name << '\t'
                          << r.constituency << '\t' << r.language << '\t' << r.modulesCompleted.size() << '\t'
                          << r.packStatus << '\n';
            }
            return kExitOk;
        });
    });
    cmd->add_option("--session", a.id, "Session UUID")->required();
}

}  // namespace

void addRecordsCommands(CLI::App& app, Context& ctx) {
    // Option values are owned by the callbacks that read them, so they live as long as the App.
    addSessionCommands(app, ctx, std::make_shared<SessionArgs>());
    addCheckInCommand(app, ctx, std::make_shared<CheckInArgs>());
    addRosterCommand(app, ctx, std::make_shared<SessionArgs>());
    addRecordsDataCommands(app, ctx);
}

}  // namespace briefing
