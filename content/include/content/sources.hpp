// The course's sources (sources.toml): every fact a module states is backed by a source with a title,
// an address and the date it was last checked, and every piece of legislation a module cites must be one
// of its sources. Layer: content.
#pragma once

#include "content/date.hpp"
#include "content/diagnostic.hpp"
#include "content/document.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace content {

struct Source {
    std::string id;
    std::string title;  // what it is and which part: "Protection from Harassment Act 1997, sections 1, 2 and 7"
    std::string url;    // https address of the official text
    std::string law;    // the legislation's short title as modules cite it ("... Act 1997"), or empty
    Date checked;       // when someone last checked the module text against it
    std::vector<std::string> claims;  // the facts the course takes from it, in plain words
    SourcePos pos;
};
using Sources = std::map<std::string, Source, std::less<>>;

// Reads `file` (a course's sources.toml). Problems (missing fields, a checked date in the future, an address
// that is not https) are appended to `out`; the sources that could be read are returned.
Sources loadSources(const std::filesystem::path& file, const Date& today, std::vector<Diagnostic>& out);

// A citation of legislation found in text: the words ending in "Act YYYY" or "Order YYYY".
struct Citation {
    std::size_t end = 0;  // byte offset just past the year
    std::string text;     // up to 80 bytes before `end`, for messages
};
std::vector<Citation> findCitations(std::string_view text);

// All text of a module as plain strings, one per block part (title, summary, heading, paragraph, list item,
// cell, check line, scenario line), in order, each with the position of its block. Used by the citation
// check and the readability measure.
struct ModuleText {
    std::string text;
    SourcePos pos;
};
std::vector<ModuleText> moduleTexts(const Module& module);

// Checks `module` (in the course's reference language) against the sources: it lists at least one source,
// every listed id exists, and every cited piece of legislation is the `law` of one of the listed sources.
void checkModuleSources(const Module& module, const Sources& sources, std::vector<Diagnostic>& out);

}  // namespace content
