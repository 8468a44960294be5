// The `briefing` tool's shared context and the registration function of each area of subcommands.
// Each area lives in its own cmd_<area>.cpp so issues add commands without touching the others.
#pragma once

#include "kiosk/config/exit_codes.hpp"
#include "kiosk/config/settings.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>

namespace briefing {

// Global options and lazily resolved settings, shared by every subcommand.
class Context {
public:
    kiosk::config::Overrides overrides;

    // Resolves settings on first use (flag > kiosk.toml > default). Throws kiosk::config::SettingsError.
    const kiosk::config::Settings& settings();

    // The exit code the chosen subcommand asks for.
    int exitCode = kiosk::config::kExitOk;

private:
    std::optional<kiosk::config::Settings> m_settings;
};

// Adds a subcommand whose action runs `fn` and stores its exit code in the context. Exceptions escaping
// `fn` are reported on stderr and mapped to exit codes by main().
CLI::App* addCommand(CLI::App& parent, Context& ctx, const std::string& name, const std::string& description,
                     std::function<int()> fn);

// Text appended to every subcommand's --help.
inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 success; 1 invalid input or content; 2 usage error; 3 environment (store locked, damaged "
    "or not writable, disk full, printer unreachable); 4 partial success in a batch.";

void addConfigCommands(CLI::App& app, Context& ctx);
void addRecordsCommands(CLI::App& app, Context& ctx);
void addContentCommands(CLI::App& app, Context& ctx);
void addPackCommands(CLI::App& app, Context& ctx);
void addOfficerCommands(CLI::App& app, Context& ctx);

}  // namespace briefing
