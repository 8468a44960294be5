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

}  // namespace content::detail
