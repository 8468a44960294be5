// Machine settings for both programs, resolved in one order: command-line flag, kiosk.toml
// ($XDG_CONFIG_HOME/briefing-kiosk/ then /etc/briefing-kiosk/), built-in default.
// Layer: kiosk/config (no UI, no SQLite). Pure apart from reading the environment and files given.
#pragma once

#include "content/resources.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::config {

// Values given on the command line; unset ones fall through to the files and defaults.
struct Overrides {
    std::optional<std::filesystem::path> configFile;  // --config: used instead of the XDG and /etc files
    std::optional<std::filesystem::path> dataDir;
    std::optional<std::filesystem::path> contentDir;
    std::optional<std::filesystem::path> forceProfile;
    std::optional<std::filesystem::path> secretFile;  // --secret-file (see secrets.hpp)
};

// The environment the settings depend on (so tests need not touch the real one).
struct Environment {
    std::optional<std::string> home;
    std::optional<std::string> xdgConfigHome;
    std::optional<std::string> xdgDataHome;
    std::optional<std::string> credentialsDirectory;  // $CREDENTIALS_DIRECTORY (systemd LoadCredential=)
    std::filesystem::path systemConfigFile = "/etc/briefing-kiosk/kiosk.toml";
    // The shipped resources, located once (content::locateResources); nullopt: resourcesProblem says why.
    std::optional<content::Resources> resources;
    std::string resourcesProblem;
    // This process's environment, with the resources located beside this program or under the prefix.
    static Environment fromProcess();
};

// Where one setting's value came from, for `briefing config show`.
struct Setting {
    std::string value;
    std::string origin;  // "flag --data", "/etc/briefing-kiosk/kiosk.toml:3", "default"
};

struct Settings {
    std::filesystem::path dataDir;
    std::filesystem::path contentDir;    // folder holding course.toml
    std::filesystem::path forceProfile;  // TOML file
    std::filesystem::path assetsDir;     // fonts, images (resources.assets)
    content::Resources resources;        // everything shipped: course, fonts, pack labels
    std::string printer;                 // CUPS queue name; empty: print to the spool folder
    std::filesystem::path exportDir;
    // The installation's secret key file (secrets.hpp): --secret-file, then the systemd credential
    // $CREDENTIALS_DIRECTORY/briefing-secret, then secret_file in kiosk.toml, then
    // $XDG_CONFIG_HOME/briefing-kiosk/secret.key (~/.config/...). Empty when none can be named.
    std::filesystem::path secretFile;
    bool secretFileIsCredential = false;  // from $CREDENTIALS_DIRECTORY: read-only, never created
    std::vector<std::filesystem::path> configFilesRead;
    std::map<std::string, Setting> shown;  // every setting with its origin, in key order
};

// Thrown when settings cannot be resolved: a config file is unreadable or invalid, or the shipped resources
// cannot be found. The message names the file and key.
class SettingsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Settings resolveSettings(const Overrides& flags, const Environment& env);

}  // namespace kiosk::config
