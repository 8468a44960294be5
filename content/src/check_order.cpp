// Per-candidate option order for knowledge checks: FNV-1a seed, splitmix64 stream, Fisher-Yates. Layer: content.
#include "content/check_order.hpp"

#include <cstdint>
#include <numeric>

namespace content {
namespace {

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

std::vector<int> optionOrder(std::string_view candidateId, std::string_view moduleId, std::string_view checkId,
                             std::size_t count) {
    std::vector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    if (candidateId.empty() || count < 2) return order;
    // The separators keep ("ab", "c") and ("a", "bc") apart.
    std::uint64_t state = 0xcbf29ce484222325ULL;
    state = fnv1a(state, candidateId);
    state = fnv1a(state, "\x1f");
    state = fnv1a(state, moduleId);
    state = fnv1a(state, "\x1f");
    state = fnv1a(state, checkId);
    for (std::size_t i = count - 1; i > 0; --i) {
        // count is at most a handful, so the modulo bias is far below anything a candidate could notice.
        const auto j = static_cast<std::size_t>(splitmix64(state) % (i + 1));
        std::swap(order[i], order[j]);
    }
    return order;
}

KnowledgeCheck inCandidateOrder(const KnowledgeCheck& check, std::string_view candidateId, std::string_view moduleId) {
    const auto order = optionOrder(candidateId, moduleId, check.id, check.options.size());
    KnowledgeCheck out = check;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto from = static_cast<std::size_t>(order[i]);
        out.options[i] = check.options[from];
        if (from < check.feedback.size() && i < out.feedback.size()) out.feedback[i] = check.feedback[from];
        if (order[i] == check.correct) out.correct = static_cast<int>(i);
    }
    return out;
}

Module inCandidateOrder(const Module& module, std::string_view candidateId) {
    Module out = module;
    for (auto& b : out.blocks)
        if (auto* k = std::get_if<KnowledgeCheck>(&b)) *k = inCandidateOrder(*k, candidateId, module.id);
    return out;
}

}  // namespace content
