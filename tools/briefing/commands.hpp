// The `briefing` tool's shared context and the registration function of each area of subcommands.
// Each area lives in its own cmd_<area>.cpp so issues add commands without touching the others.
#pragma once

#include "kiosk/config/exit_codes.hpp"
#include "kiosk/config/secrets.hpp"
#include "kiosk/config/settings.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <optional>

namespace briefing {

// What a subcommand needs of the installation's secret key (kiosk/config/secrets.hpp).
enum class KeyUse {
    None,             // never touches the store (config show, check-content, content install)
    ExistingStore,    // opens an existing store: the key is loaded, never created
    MayCreateStore,   // may create the store: the key is loaded, or created for a data folder with no store yet
};

// Global options, lazily resolved settings and the secret key loaded at start-up, shared by every subcommand.
class Context {
public:
    kiosk::config::Overrides overrides;

    // Resolves settings on first use (flag > kiosk.toml > default). Throws kiosk::config::SettingsError.
    const kiosk::config::Settings& settings();

    // The explicit start-up step, run by main() once the command line is parsed and before any subcommand
    // runs (so before anything opens the store or drops privileges): loads the secret key as `use` asks.
    // ExistingStore tolerates a missing key when the data folder holds no store (the command then reports
    // the missing store itself). Throws kiosk::config::SecretError (exit 3) or SettingsError.
    void loadSecret(KeyUse use);

    // The key loaded by loadSecret. Throws SecretError(Missing) when none was loaded.
    const kiosk::config::SecretKey& secret() const;
    const kiosk::config::LoadedSecret* loadedSecret() const { return m_secret ? &*m_secret : nullptr; }

    // Records what subcommand `cmd` needs (addCommand records ExistingStore unless told otherwise).
    void setKeyUse(const CLI::App* cmd, KeyUse use) { m_keyUse[cmd] = use; }
    KeyUse keyUse(const CLI::App* cmd) const;

    // The exit code the chosen subcommand asks for.
    int exitCode = kiosk::config::kExitOk;

private:
    std::optional<kiosk::config::Settings> m_settings;
    std::optional<kiosk::config::LoadedSecret> m_secret;
    std::map<const CLI::App*, KeyUse> m_keyUse;
};

// Adds a subcommand whose action runs `fn` and stores its exit code in the context. Exceptions escaping
// `fn` are reported on stderr and mapped to exit codes by main(). `use`: what it needs of the secret key.
CLI::App* addCommand(CLI::App& parent, Context& ctx, const std::string& name, const std::string& description,
                     std::function<int()> fn, KeyUse use = KeyUse::ExistingStore);

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
