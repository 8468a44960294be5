// Settings resolution: flag > $XDG_CONFIG_HOME kiosk.toml > /etc kiosk.toml > default. Layer: kiosk/config.
#include "kiosk/config/settings.hpp"

#include "kiosk/config/secrets.hpp"

#include "content/diagnostic.hpp"
#include "content/toml_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace kiosk::config {
namespace fs = std::filesystem;
namespace {

const char* const kKeys[] = {"data_dir", "content_dir", "force_profile", "printer", "export_dir", "secret_file"};

std::optional<std::string> getenvOpt(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

struct FileValue {
    std::string value;
    std::string origin;
};

// Reads the keys we know from one kiosk.toml. A relative path in the file is taken relative to the file.
void readConfigFile(const fs::path& file, std::map<std::string, FileValue>& out) {
    toml::table root;
    try {
        root = content::parseTomlFile(file);
    } catch (const content::LoadError& e) {
        throw SettingsError(e.what());
    }
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        const auto& src = v.source();
        const std::string where = file.string() + ":" + std::to_string(src.begin.line) + ":" +
                                  std::to_string(src.begin.column);
        if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
            throw SettingsError(where + ": unknown key '" + key + "'");
        const auto* s = v.as_string();
        if (!s) throw SettingsError(where + ": '" + key + "' must be a string");
        std::string value = s->get();
        if (key != "printer" && !value.empty() && fs::path(value).is_relative())
            value = (file.parent_path() / value).lexically_normal().string();
        out.emplace(key, FileValue{value, file.string() + ":" + std::to_string(src.begin.line)});
    }
}

// The secret key's location. A systemd credential sits between the flag and the files: the unit that
// passes it is, like a flag, a per-invocation choice made by whoever started us.
void resolveSecretFile(Settings& s, const Overrides& flags, const Environment& env,
                       const std::map<std::string, FileValue>& fromFiles) {
    Setting setting;
    std::error_code ec;
    const std::optional<fs::path> credential =
        env.credentialsDirectory ? std::optional(fs::path(*env.credentialsDirectory) / kSecretCredentialName) : std::nullopt;
    if (flags.secretFile) {
        setting = {flags.secretFile->string(), "flag --secret-file"};
    } else if (credential && fs::exists(*credential, ec)) {
        setting = {credential->string(), "systemd credential ($CREDENTIALS_DIRECTORY)"};
        s.secretFileIsCredential = true;
    } else if (auto it = fromFiles.find("secret_file"); it != fromFiles.end()) {
        setting = {it->second.value, it->second.origin};
    } else if (env.xdgConfigHome) {
        setting = {(fs::path(*env.xdgConfigHome) / "briefing-kiosk" / kSecretFileName).string(), "default"};
    } else if (env.home) {
        setting = {(fs::path(*env.home) / ".config" / "briefing-kiosk" / kSecretFileName).string(), "default"};
    } else {
        setting = {"", "default (neither XDG_CONFIG_HOME nor HOME is set)"};
    }
    s.secretFile = setting.value;
    s.shown["secret_file"] = setting;
}

}  // namespace

Environment Environment::fromProcess() {
    Environment env;
    env.home = getenvOpt("HOME");
    env.xdgConfigHome = getenvOpt("XDG_CONFIG_HOME");
    env.xdgDataHome = getenvOpt("XDG_DATA_HOME");
    try {
        env.resources = content::locateResources(content::executableDir());
    } catch (const content::ResourceError& e) {
        env.resourcesProblem = e.what();
    }
    env.credentialsDirectory = getenvOpt("CREDENTIALS_DIRECTORY");
    return env;
}

Settings resolveSettings(const Overrides& flags, const Environment& env) {
    Settings s;
    std::map<std::string, FileValue> fromFiles;

    if (flags.configFile) {
        if (!fs::is_regular_file(*flags.configFile))
            throw SettingsError(flags.configFile->string() + ": configuration file not found");
        readConfigFile(*flags.configFile, fromFiles);
        s.configFilesRead.push_back(*flags.configFile);
    } else {
        std::vector<fs::path> files;
        if (env.xdgConfigHome) files.push_back(fs::path(*env.xdgConfigHome) / "briefing-kiosk" / "kiosk.toml");
        else if (env.home) files.push_back(fs::path(*env.home) / ".config" / "briefing-kiosk" / "kiosk.toml");
        files.push_back(env.systemConfigFile);
        // Earlier files win: read them first and let emplace keep the first value of each key.
        for (const auto& f : files) {
            std::error_code ec;
            if (!fs::exists(f, ec)) continue;
            readConfigFile(f, fromFiles);
            s.configFilesRead.push_back(f);
        }
    }

    const auto pick = [&](const std::string& key, const std::optional<fs::path>& flag, const char* flagName,
                          const auto& makeDefault) -> std::string {
        Setting setting;
        if (flag) {
            setting = {flag->string(), std::string("flag ") + flagName};
        } else if (auto it = fromFiles.find(key); it != fromFiles.end()) {
            setting = {it->second.value, it->second.origin};
        } else {
            setting = {makeDefault(), "default"};
        }
        s.shown[key] = setting;
        return setting.value;
    };

    if (!env.resources)
        throw SettingsError(env.resourcesProblem.empty() ? "the shipped resources were not located" : env.resourcesProblem);
    s.resources = *env.resources;

    s.dataDir = pick("data_dir", flags.dataDir, "--data", [&] {
        if (env.xdgDataHome) return (fs::path(*env.xdgDataHome) / "briefing-kiosk").string();
        if (env.home) return (fs::path(*env.home) / ".local" / "share" / "briefing-kiosk").string();
        throw SettingsError("neither XDG_DATA_HOME nor HOME is set: give the data folder with --data");
    });
    s.contentDir = pick("content_dir", flags.contentDir, "--content", [&] { return s.resources.course.string(); });
    s.forceProfile = pick("force_profile", flags.forceProfile, "--force-profile",
                          [&] { return (s.contentDir / "forces" / "demo.toml").string(); });
    s.printer = pick("printer", std::nullopt, "", [] { return std::string(); });
    s.exportDir = pick("export_dir", std::nullopt, "", [&] { return (s.dataDir / "exports").string(); });
    resolveSecretFile(s, flags, env, fromFiles);
    s.assetsDir = s.resources.assets;
    s.shown["assets_dir"] = {s.assetsDir.string(), "shipped resources in " + s.resources.root.string()};
    return s;
}

}  // namespace kiosk::config
