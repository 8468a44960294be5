// `briefing config show`: the effective settings and where each came from.
#include "commands.hpp"

#include <iostream>

namespace briefing {

void addConfigCommands(CLI::App& app, Context& ctx) {
    CLI::App* config = app.add_subcommand("config", "Show the effective configuration");
    config->require_subcommand(1);
    addCommand(*config, ctx, "show", "Print every setting, its value and where it came from", [&ctx] {
        const auto& s = ctx.settings();
        if (s.configFilesRead.empty()) std::cout << "# no configuration file found; built-in defaults apply\n";
        for (const auto& f : s.configFilesRead) std::cout << "# read " << f.string() << '\n';
        for (const auto& [key, setting] : s.shown) {
            std::cout << key << " = \"" << setting.value << "\"    # " << setting.origin << '\n';
        }
        return kiosk::config::kExitOk;
    });
}

}  // namespace briefing
