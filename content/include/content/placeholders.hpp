// Placeholders such as {{force.name}} in module text: the list of known names, finding them in text, and
// filling them in from the force profile and the course manifest. Layer: content. Pure functions.
#pragma once

#include "content/course.hpp"
#include "content/document.hpp"
#include "content/force_profile.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// Every placeholder a module may use (without braces), e.g. "force.spoc.phone".
std::span<const std::string_view> knownPlaceholders();
bool isKnownPlaceholder(std::string_view name);

// One `{{...}}` found in a piece of text. `name` is trimmed of spaces; `closed` is false for a `{{` with
// no matching `}}` on the same line.
struct PlaceholderRef {
    std::size_t offset = 0;  // byte offset of "{{"
    std::size_t length = 0;  // bytes up to and including "}}" (or to the end of the line when not closed)
    std::string name;
    bool closed = true;
};
std::vector<PlaceholderRef> findPlaceholders(std::string_view text);

// A date as the module language writes it: "1 November 2026" / "1 Tachwedd 2026".
std::string formatDate(const Date& date, std::string_view lang);

// The value of one placeholder for a module in `lang`; empty when `name` is not known.
std::string placeholderValue(std::string_view name, std::string_view lang, const ForceProfile& force,
                             const Manifest& manifest);

// Replaces every known placeholder in `text`; unknown ones are left as they are (the validator reports them
// before a course can be installed).
std::string resolvePlaceholders(std::string_view text, std::string_view lang, const ForceProfile& force,
                                const Manifest& manifest);

// A copy of `module` with every placeholder in its title, summary, span texts and link addresses filled in:
// final text, ready for the kiosk screens and the PDF pack.
Module resolvePlaceholders(const Module& module, const ForceProfile& force, const Manifest& manifest);
Module resolvePlaceholders(const Module& module, const ForceProfile& force, const Course& course);

// Every module of `course` in `lang`, in manifest order, resolved. Throws std::out_of_range for a language
// the course does not have.
std::vector<Module> resolvedModules(const Course& course, std::string_view lang, const ForceProfile& force);

}  // namespace content
