// Internal to the course loader: cross-file checks shared by course.cpp and course_checks.cpp.
// Layer: content (not installed).
#pragma once

#include "content/course.hpp"

#include <string>
#include <vector>

namespace content::detail {

// Every block of `other` must match `reference` (same kinds in order, ids, option counts, correct options,
// verdicts, heading levels, list and table shapes). Problems are reported in `other`'s file.
void compareStructure(const Module& reference, const Module& other, std::vector<Diagnostic>& out);

// Every key of every catalog must exist in all of them; a missing one is reported in the catalog lacking it.
void compareCatalogs(const std::map<std::string, Catalog, std::less<>>& catalogs,
                     const std::map<std::string, std::string, std::less<>>& files, std::vector<Diagnostic>& out);

// Warns when a module's English reading age is above kMaxReadingAge (law names in `sources` do not count).
void checkReadingAge(const Module& module, const Sources& sources, std::vector<Diagnostic>& out);

// Warns when a knowledge check's right answer is much longer than every wrong one (it can be guessed).
void checkCheckBalance(const Module& module, std::vector<Diagnostic>& out);

// Warns when, across a course's checks (reference language), the right answer is written in the same
// position or is the longest option in more than half of them.
void checkCourseBalance(const std::vector<Module>& modules, const std::string& courseName, const std::string& file,
                        std::vector<Diagnostic>& out);

// The reading age of a module's English text, law names from `sources` not counting.
double moduleReadingAge(const Module& module, const Sources& sources);

}  // namespace content::detail
