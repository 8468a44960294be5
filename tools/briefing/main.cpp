// briefing: the command-line tool for officers and force IT. Subcommands are registered per area.
#include "bk/build_info.hpp"
#include "cmd_records.hpp"
#include "commands.hpp"
#include "invoker.hpp"

#include <iostream>

namespace briefing {

const kiosk::config::Settings& Context::settings() {
    if (!m_settings) m_settings = kiosk::config::resolveSettings(overrides, kiosk::config::Environment::fromProcess());
    return *m_settings;
}

void Context::loadSecret(KeyUse use) {
    using kiosk::config::SecretCreation;
    if (use == KeyUse::None || m_secret) return;
    const auto& s = settings();
    if (use == KeyUse::ExistingStore) {
        try {
            m_secret = kiosk::config::loadSecret(s, SecretCreation::Never);
        } catch (const kiosk::config::SecretError& e) {
            if (e.kind() != kiosk::config::SecretError::Kind::Missing || kiosk::config::dataFolderHasStore(s.dataDir))
                throw;
        }
        return;
    }
    m_secret = kiosk::config::loadSecret(s, SecretCreation::IfNoStoreYet);
    if (m_secret->created) {
        std::cerr << "briefing: created the installation's secret key " << m_secret->file.string()
                  << " (keep it safe and outside backups: officer PINs and the audit log depend on it)\n";
    }
}

const kiosk::config::SecretKey& Context::secret() const {
    if (!m_secret) {
        throw kiosk::config::SecretError(kiosk::config::SecretError::Kind::Missing,
                                         "the installation's secret key was not loaded");
    }
    return m_secret->key;
}

KeyUse Context::keyUse(const CLI::App* cmd) const {
    const auto it = m_keyUse.find(cmd);
    return it == m_keyUse.end() ? KeyUse::ExistingStore : it->second;
}

CLI::App* addCommand(CLI::App& parent, Context& ctx, const std::string& name, const std::string& description,
                     std::function<int()> fn, KeyUse use) {
    CLI::App* cmd = parent.add_subcommand(name, description);
    cmd->footer(kExitCodesHelp);
    cmd->callback([&ctx, fn = std::move(fn)] { ctx.exitCode = fn(); });
    ctx.setKeyUse(cmd, use);
    return cmd;
}

namespace {

// The innermost subcommand chosen on the command line.
const CLI::App* chosenCommand(const CLI::App& app) {
    const CLI::App* leaf = &app;
    while (!leaf->get_subcommands().empty()) leaf = leaf->get_subcommands().front();
    return leaf;
}

}  // namespace

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
    app.add_option("--secret-file", ctx.overrides.secretFile,
                   "The installation's secret key file (default: systemd credential, secret_file in kiosk.toml, "
                   "then ~/.config/briefing-kiosk/secret.key)");

    briefing::addConfigCommands(app, ctx);
    briefing::addRecordsCommands(app, ctx);
    briefing::addContentCommands(app, ctx);
    briefing::addPackCommands(app, ctx);
    briefing::addOfficerCommands(app, ctx);
    // The early start-up step: after parsing, before any subcommand runs.
    app.parse_complete_callback([&] {
        const briefing::KeyUse use = ctx.keyUse(briefing::chosenCommand(app));
        // Another user's data folder is refused before the key is looked at; root reads the key here and
        // becomes the folder's owner later, just before it opens the store (openRecords).
        if (use != briefing::KeyUse::None) briefing::refuseForeignDataFolder(ctx.settings().dataDir);
        ctx.loadSecret(use);
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitUsage;
    } catch (const SecretError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitEnvironment;
    } catch (const briefing::DataOwnerError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitEnvironment;
    } catch (const SettingsError& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitInvalidInput;
    } catch (const std::exception& e) {
        std::cerr << "briefing: " << e.what() << '\n';
        return kExitInvalidInput;
    }
    return ctx.exitCode;
}
