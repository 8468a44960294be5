// `briefing set-pin` and `briefing officer list|unlock|remove|settings`: officer accounts and officer
// settings from a shell (force IT). PINs are read from standard input, never from arguments. Layer: tools.
#include "cmd_records.hpp"

#include "kiosk/officer/authenticator.hpp"
#include "kiosk/officer/pin.hpp"
#include "kiosk/officer/settings.hpp"
#include "kiosk/records/clock.hpp"

#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

namespace briefing {

using kiosk::config::kExitInvalidInput;
using kiosk::config::kExitOk;
namespace officer = kiosk::officer;
namespace records = kiosk::records;

namespace {

inline constexpr const char* kDefaultOfficerName = "officer";

struct OfficerArgs {
    std::string name = kDefaultOfficerName;
    std::string role;
    std::string key, value;
};

// The terminal settings to put back if Ctrl-C or a kill arrives while echo is off (signal handler state).
termios g_savedTerminal{};

extern "C" void restoreTerminalAndDie(int sig) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);  // async-signal-safe
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}

// Echo off on the terminal for as long as the object lives, and put back even on SIGINT/SIGTERM/SIGHUP.
class NoEcho {
public:
    NoEcho() {
        if (::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        g_savedTerminal = m_saved;
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, restoreTerminalAndDie);
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~NoEcho() {
        if (m_active) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

bool readLine(std::string& line) {
    if (!std::getline(std::cin, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

// Reads the PIN twice: prompted without echo on a terminal, else two lines of standard input. Returns
// the PIN, or an empty string after printing why not.
std::string readPinTwice(const std::string& name) {
    std::string first, second;
    bool gotBoth = false;
    if (::isatty(STDIN_FILENO)) {
        NoEcho quiet;
        std::cerr << "New PIN for officer \"" << name << "\" (6 or more digits): " << std::flush;
        const bool a = readLine(first);
        std::cerr << "\nRepeat the PIN: " << std::flush;
        gotBoth = a && readLine(second);
        std::cerr << '\n';
    } else {
        gotBoth = readLine(first) && readLine(second);
    }
    std::string problem;
    if (!gotBoth) {
        problem = "expected the PIN twice (two lines) on standard input";
    } else if (auto bad = officer::pinProblem(first); !bad.empty()) {
        problem = bad;
    } else if (first != second) {
        problem = "the two PINs differ; nothing was changed";
    }
    officer::wipe(second);
    if (!problem.empty()) {
        officer::wipe(first);
        std::cerr << "briefing: set-pin: " << problem << '\n';
    }
    return first;
}

std::string officerStatus(const records::Officer& o, records::TimePoint now) {
    records::TimePoint until;
    if (!o.lockedUntil.empty() && records::parseUtcIso(o.lockedUntil, until) && until > now) {
        return "locked until " + records::toLondonDisplay(until);
    }
    if (o.failedAttempts > 0) return std::to_string(o.failedAttempts) + " failed attempts";
    return "ok";
}

void addOfficerSubcommands(CLI::App& app, Context& ctx, const std::shared_ptr<OfficerArgs>& ap) {
    CLI::App* group = app.add_subcommand("officer", "List, unlock or remove officer accounts; officer settings");
    group->require_subcommand(1);
    group->footer(kExitCodesHelp);

    addCommand(*group, ctx, "list", "Officer names, roles and lockout state (never PINs or hashes)", [&ctx] {
        return runRecords([&] {
            const auto officers = openRecords(ctx, false)->listOfficers();
            const auto now = std::chrono::system_clock::now();
            std::cout << "name\trole\tstatus\n";
            for (const auto& o : officers) {
                std::cout << o.name << '\t' << records::officerRoleKey(o.role) << '\t' << officerStatus(o, now) << '\n';
            }
            if (officers.empty()) std::cerr << "briefing: no officer accounts yet; run briefing set-pin\n";
            return kExitOk;
        });
    });

    CLI::App* unlock = addCommand(*group, ctx, "unlock", "Lift an officer's lockout and clear failed attempts",
                                  [&ctx, ap] {
                                      return runRecords([&] {
                                          openRecords(ctx, false)->clearOfficerLockout(ap->name, cliActor());
                                          return kExitOk;
                                      });
                                  });
    unlock->add_option("NAME", ap->name, "Officer name")->required();

    CLI::App* remove = addCommand(*group, ctx, "remove", "Delete an officer account", [&ctx, ap] {
        return runRecords([&] {
            openRecords(ctx, false)->removeOfficer(ap->name, cliActor());
            return kExitOk;
        });
    });
    remove->add_option("NAME", ap->name, "Officer name")->required();

    CLI::App* settings = group->add_subcommand("settings", "Show or set officer settings (stored, audit-logged)");
    settings->require_subcommand(1);
    settings->footer(kExitCodesHelp);
    addCommand(*settings, ctx, "show", "Effective officer settings (stored or the force profile's default)",
               [&ctx] {
                   return runRecords([&] {
                       const auto profile = content::loadForceProfile(ctx.settings().forceProfile);
                       const auto loaded = officer::loadSettings(*openRecords(ctx, false), profile);
                       for (const auto& [key, value] : officer::settingsText(loaded.settings)) {
                           std::cout << key << " = " << value << '\n';
                       }
                       for (const auto& p : loaded.problems) std::cerr << "briefing: " << p << '\n';
                       return kExitOk;
                   });
               });
    CLI::App* set = addCommand(*settings, ctx, "set", "Set one officer setting", [&ctx, ap] {
        return runRecords([&] {
            const auto profile = content::loadForceProfile(ctx.settings().forceProfile);
            officer::setSettingText(*openRecords(ctx, true), profile, ap->key, ap->value, cliActor());
            return kExitOk;
        });
    });
    ctx.setKeyUse(set, KeyUse::MayCreateStore);
    set->add_option("KEY", ap->key, "idle-timeout-seconds, idle-countdown-seconds, first-language, "
                                    "allow-skipping-modules, paper-size or large-print-default")
        ->required();
    set->add_option("VALUE", ap->value, "The new value")->required();
}

}  // namespace

void addOfficerCommands(CLI::App& app, Context& ctx) {
    auto ap = std::make_shared<OfficerArgs>();
    CLI::App* setPin = addCommand(
        app, ctx, "set-pin",
        "Set an officer's PIN (6+ digits, not a weak one such as 000000 or 123456; read twice from standard input) "
        "and clear its lockout; only its Argon2id hash, peppered with the installation's secret key, is stored",
        [&ctx, ap] {
            return runRecords([&] {
                std::string pin = readPinTwice(ap->name);
                if (pin.empty()) return kExitInvalidInput;
                std::optional<officer::Role> role;
                if (!ap->role.empty()) role = records::parseOfficerRole(ap->role);
                try {
                    const auto pepper = kiosk::config::deriveKey(ctx.secret(), kiosk::config::KeyPurpose::PinPepper);
                    auto store = openRecords(ctx, true);
                    const officer::Role stored = officer::setPin(*store, ap->name, role, pin, pepper, cliActor());
                    officer::wipe(pin);
                    std::cout << "PIN set for officer \"" << ap->name << "\" (role " << records::officerRoleKey(stored)
                              << "); failed attempts and lockout cleared\n";
                } catch (const officer::PinError& e) {
                    officer::wipe(pin);
                    std::cerr << "briefing: set-pin: " << e.what() << '\n';
                    return kExitInvalidInput;
                } catch (...) {
                    officer::wipe(pin);
                    throw;
                }
                return kExitOk;
            });
        });
    ctx.setKeyUse(setPin, KeyUse::MayCreateStore);
    setPin->add_option("--officer", ap->name, "Officer account name (default: \"officer\")");
    setPin->add_option("--role", ap->role, "officer or print-operator (default: keep the account's role; new: officer)")
        ->check(CLI::IsMember({"officer", "print-operator"}));
    addOfficerSubcommands(app, ctx, ap);
}

}  // namespace briefing
