// Loads the pack's label table (print/strings/pack.toml). Layer: print.
#include "pack_strings.hpp"

#include "content/toml_util.hpp"
#include "print/pack.hpp"

namespace print {
namespace {

std::map<std::string, std::string> readSection(const toml::table& root, const std::string& name,
                                               const std::filesystem::path& file) {
    const toml::table* section = root[name].as_table();
    if (!section) throw PackError(file.string() + ": missing table [" + name + "]");
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : *section) {
        const auto* s = value.as_string();
        if (!s) throw PackError(file.string() + ": [" + name + "] " + std::string(key.str()) + " must be a string");
        out.emplace(std::string(key.str()), s->get());
    }
    return out;
}

}  // namespace

PackStrings loadPackStrings(const std::filesystem::path& file) {
    const toml::table root = content::parseTomlFile(file);
    PackStrings strings{readSection(root, "en-GB", file), readSection(root, "cy", file)};
    for (const auto& [key, value] : strings.en)
        if (!strings.cy.count(key)) throw PackError(file.string() + ": [cy] lacks " + key);
    for (const auto& [key, value] : strings.cy)
        if (!strings.en.count(key)) throw PackError(file.string() + ": [en-GB] lacks " + key);
    return strings;
}

}  // namespace print
