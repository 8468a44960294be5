// briefing: the command-line tool for officers and force IT. Subcommands are registered per area.
#include "bk/build_info.hpp"
#include "cmd_records.hpp"
#include "commands.hpp"

#include <iostream>

namespace briefing {

const kiosk::config::Settings& Context::settings() {
    if (!m_settings) m_settings = kiosk::config::resolveSettings(overrides, kiosk::config::Environment::fromProcess());
    return *m_settings;
}

CLI::App* addCommand(CLI::App& parent, Context& ctx, const std::string& name, const std::string& description,
                     std::function<int()> fn) {
    CLI::App* cmd = parent.add_subcommand(name, description);
    cmd->footer(kExitCodesHelp);
    cmd->callback([&ctx, fn = std::move(fn)] { ctx.exitCode = fn(); });
    return cmd;
}

}  // namespace briefing

int main(int argc, char** argv) {
    using namespace kiosk::config;
    // Who is really running this, before a root caller becomes the data folder's owner (audit actor).
    briefing::cliActor();
    CLI::App app{"Briefing Kiosk command-line tool: content, sessions, attendance, packs and printing", "briefing"};
    app.set_version_flag("--version", std::string("briefing ") + bk::kVersion);
    app.require_subcommand(1);
    app.footer(briefing::kExitCodesHelp);

    briefing::Context ctx;
    app.add_option("--config", ctx.overrides.configFile, "Configuration file instead of kiosk.toml");
    app.add_option("--data", ctx.overrides.dataDir, "Data folder (attendance store, backups, spool)");
    app.add_option("--content", ctx.overrides.contentDir, "Course folder (holding course.toml)");
    app.add_option("--force-profile", ctx.overrides.forceProfile, "Force profile (TOML)");

    briefing::addConfigCommands(app, ctx);
    briefing::addRecordsCommands(app, ctx);
    briefing::addContentCommands(app, ctx);
    briefing::addPackCommands(app, ctx);
    briefing::addOfficerCommands(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const SettingsError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitInvalidInput;
    } catch (const std::exception& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitInvalidInput;
    }
    return ctx.exitCode;
}
