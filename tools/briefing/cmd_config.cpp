// `briefing config show`: the effective settings and where each came from; `briefing secret create`: the
// deliberate start of a new installation secret key. Layer: tools.
#include "commands.hpp"

#include <iostream>

namespace briefing {

void addConfigCommands(CLI::App& app, Context& ctx) {
    CLI::App* config = app.add_subcommand("config", "Show the effective configuration");
    config->require_subcommand(1);
    CLI::App* show = addCommand(*config, ctx, "show", "Print every setting, its value and where it came from", [&ctx] {
        const auto& s = ctx.settings();
        if (s.configFilesRead.empty()) std::cout << "# no configuration file found; built-in defaults apply\n";
        for (const auto& f : s.configFilesRead) std::cout << "# read " << f.string() << '\n';
        for (const auto& [key, setting] : s.shown) {
            std::cout << key << " = \"" << setting.value << "\"    # " << setting.origin << '\n';
        }
        return kiosk::config::kExitOk;
    });
    ctx.setKeyUse(show, KeyUse::None);

    CLI::App* secret = app.add_subcommand("secret", "The installation's secret key (PIN pepper, audit MAC key)");
    secret->require_subcommand(1);
    secret->footer(kExitCodesHelp);
    CLI::App* create = addCommand(
        *secret, ctx, "create",
        "Create the secret key file (secret_file) when it is missing, even though the data folder already holds a "
        "store: that store's officer PINs must then be set again. Never replaces an existing key file.",
        [&ctx] {
            using namespace kiosk::config;
            const auto& s = ctx.settings();
            if (s.secretFileIsCredential) {
                std::cerr << "briefing: the secret key comes from a systemd credential (" << s.secretFile.string()
                          << "); create it where the unit's LoadCredential= points\n";
                return static_cast<int>(kExitInvalidInput);
            }
            const LoadedSecret loaded = loadSecret(s, SecretCreation::EvenWithStore);
            if (!loaded.created) {
                std::cerr << "briefing: secret key file " << loaded.file.string()
                          << " already exists (key id " << keyId(loaded.key) << "); it is never replaced\n";
                return static_cast<int>(kExitInvalidInput);
            }
            std::cout << "created " << loaded.file.string() << " (key id " << keyId(loaded.key) << ")\n";
            if (dataFolderHasStore(s.dataDir)) {
                std::cerr << "briefing: the store in " << s.dataDir.string()
                          << " was set up without this key: set every officer PIN again with briefing set-pin; its "
                             "audit log stays sealed under the old key, so briefing audit verify reports it as "
                             "damaged until the old key file is put back\n";
            }
            return static_cast<int>(kExitOk);
        });
    ctx.setKeyUse(create, KeyUse::None);
}

}  // namespace briefing
