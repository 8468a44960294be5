// The order in which one candidate sees a knowledge check's options. Layer: content. Pure functions.
// The order is a deterministic shuffle seeded from the candidate id, the module id and the check id, so the
// kiosk screen and the printed pack (and a reprint years later) show the same order, while the right
// answer sits in different places for different candidates. Answers are always stored as indexes into the
// authored (canonical) order, so records and scoring do not depend on the order shown.
#pragma once

#include "content/document.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace content {

// order[i] is the canonical index of the option shown in position i. An empty candidate id gives the
// authored order (previews with no candidate). Stable across platforms and compilers: it uses its own
// hash and generator, never std::shuffle or std::hash.
std::vector<int> optionOrder(std::string_view candidateId, std::string_view moduleId, std::string_view checkId,
                             std::size_t count);

// The check with options (and their feedback) in `candidateId`'s order, `correct` pointing at the same
// option as before.
KnowledgeCheck inCandidateOrder(const KnowledgeCheck& check, std::string_view candidateId, std::string_view moduleId);

// A copy of `module` with every knowledge check in `candidateId`'s order.
Module inCandidateOrder(const Module& module, std::string_view candidateId);

}  // namespace content
