// How hard a module is to read: the Flesch-Kincaid grade of its English text, given as a UK reading age
// (grade + 5). Layer: content. Pure functions.
#pragma once

#include "content/document.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace content {

// Target for every module: a reading age of 12 or below.
inline constexpr double kMaxReadingAge = 12.0;

struct Readability {
    std::size_t words = 0;
    std::size_t sentences = 0;
    std::size_t syllables = 0;
    double grade = 0;       // Flesch-Kincaid grade level
    double readingAge = 0;  // grade + 5
};

// Measures English text. Each string is a separate unit (a heading, list item or table cell ends a
// sentence even without a full stop). Names of legislation in `lawNames` count as the two words "the law":
// an Act's title is a name the candidate does not have to read as prose. A {{placeholder}} counts as one
// one-syllable word (its value, a number or a name, comes from the force profile).
Readability measureReadability(const std::vector<std::string>& texts, const std::vector<std::string>& lawNames = {});

// Syllables in one English word (a vowel-group count with the usual silent-e and -le rules; at least 1).
std::size_t countSyllables(std::string_view word);

}  // namespace content
