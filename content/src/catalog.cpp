// Loading of UI string catalogs from TOML (toml++). Layer: content.
#include "content/catalog.hpp"

#include "content/diagnostic.hpp"
#include "content/toml_util.hpp"

#include <toml++/toml.h>

namespace content {
namespace {

void flatten(const toml::table& table, const std::string& prefix, const std::string& file,
             std::map<std::string, std::string, std::less<>>& out, std::vector<Diagnostic>& errors) {
    for (const auto& [k, v] : table) {
        const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = v.as_table()) {
            flatten(*sub, key, file, out, errors);
        } else if (const auto* s = v.as_string()) {
            out.emplace(key, s->get());
        } else {
            const auto& src = v.source();
            errors.push_back({file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column),
                              "catalog key '" + key + "' must be a string"});
        }
    }
}

}  // namespace

Catalog Catalog::load(const std::filesystem::path& file, std::string lang) {
    const toml::table root = parseTomlFile(file);
    Catalog cat;
    cat.m_lang = std::move(lang);
    std::vector<Diagnostic> errors;
    flatten(root, "", file.string(), cat.m_entries, errors);
    if (!errors.empty()) throw LoadError(std::move(errors));
    return cat;
}

bool Catalog::has(std::string_view key) const { return m_entries.find(key) != m_entries.end(); }

std::string Catalog::get(std::string_view key) const {
    if (auto it = m_entries.find(key); it != m_entries.end()) return it->second;
    return "[" + std::string(key) + "]";
}

}  // namespace content
