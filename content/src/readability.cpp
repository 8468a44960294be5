// Flesch-Kincaid grade of English module text, reported as a UK reading age. Layer: content.
#include "content/readability.hpp"

#include <algorithm>
#include <cctype>

namespace content {
namespace {

bool isVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// Replaces each law name by "the law" so that titles of Acts do not count as prose.
std::string withoutLawNames(std::string text, const std::vector<std::string>& lawNames) {
    for (const auto& law : lawNames) {
        if (law.empty()) continue;
        for (auto at = text.find(law); at != std::string::npos; at = text.find(law, at + 7)) text.replace(at, law.size(), "the law");
    }
    return text;
}

// A {{placeholder}} becomes whatever the force profile says (a number, a name, an address): count it as one
// short word rather than as the placeholder's own spelling.
std::string withoutPlaceholders(std::string text) {
    for (auto at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
        const auto end = text.find("}}", at);
        if (end == std::string::npos) break;
        text.replace(at, end + 2 - at, "it");
    }
    return text;
}

}  // namespace

std::size_t countSyllables(std::string_view word) {
    std::string w;
    for (char c : word)
        if (std::isalpha(static_cast<unsigned char>(c))) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.empty()) return 0;
    if (w.size() <= 3) return 1;
    std::size_t groups = 0;
    bool prev = false;
    for (char c : w) {
        const bool v = isVowel(c);
        if (v && !prev) ++groups;
        prev = v;
    }
    // Silent final e ("make"), but not "-le" after a consonant ("table") or "-ee".
    if (w.back() == 'e' && groups > 1) {
        const char before = w[w.size() - 2];
        const bool le = before == 'l' && w.size() > 2 && !isVowel(w[w.size() - 3]);
        if (!le && before != 'e') --groups;
    }
    // "-es" and "-ed" endings rarely add a syllable ("makes", "called"), except after t/d ("wanted").
    if (w.size() > 3 && (w.ends_with("es") || w.ends_with("ed")) && groups > 1) {
        const char before = w[w.size() - 3];
        if (!isVowel(before) && before != 't' && before != 'd' && before != 's' && before != 'x' && before != 'z' &&
            before != 'c' && before != 'g' && before != 'h')
            --groups;
    }
    return std::max<std::size_t>(1, groups);
}

Readability measureReadability(const std::vector<std::string>& texts, const std::vector<std::string>& lawNames) {
    Readability r;
    for (const auto& raw : texts) {
        const std::string text = withoutPlaceholders(withoutLawNames(raw, lawNames));
        bool openSentence = false;
        std::string word;
        const auto endWord = [&] {
            // A "word" needs a letter: numbers such as 999 or 18001 are read as one word each.
            const bool hasAlnum = std::any_of(word.begin(), word.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
            if (hasAlnum) {
                ++r.words;
                r.syllables += std::max<std::size_t>(1, countSyllables(word));
                openSentence = true;
            }
            word.clear();
        };
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '/') {
                endWord();
                continue;
            }
            const bool terminal = c == '.' || c == '!' || c == '?';
            const bool nextIsSpace = i + 1 >= text.size() || text[i + 1] == ' ';
            if (terminal && nextIsSpace) {
                endWord();
                if (openSentence) ++r.sentences;
                openSentence = false;
                continue;
            }
            word += c;
        }
        endWord();
        if (openSentence) ++r.sentences;  // a heading, item or cell ends where it ends
    }
    if (r.words == 0 || r.sentences == 0) return r;
    r.grade = 0.39 * static_cast<double>(r.words) / static_cast<double>(r.sentences) +
              11.8 * static_cast<double>(r.syllables) / static_cast<double>(r.words) - 15.59;
    r.readingAge = r.grade + 5.0;
    return r;
}

}  // namespace content
