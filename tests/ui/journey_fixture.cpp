// The headless kiosk fixture: typing on the on-screen keyboard and answering a module. Layer: tests (ui).
#include "journey_fixture.hpp"

#include "content/text.hpp"

#include <map>

namespace kiosk::test {
namespace {

// Accent-page letters: upper case -> lower case (the key's probe label).
const std::map<std::string, std::string> kAccentUpper = {
    {"Â", "â"}, {"Ê", "ê"}, {"Î", "î"}, {"Ô", "ô"}, {"Û", "û"}, {"Ŵ", "ŵ"}, {"Ŷ", "ŷ"}, {"Á", "á"}, {"É", "é"},
    {"Í", "í"}, {"Ó", "ó"}, {"Ú", "ú"}, {"À", "à"}, {"È", "è"}, {"Ò", "ò"}, {"Ä", "ä"}, {"Ë", "ë"}, {"Ï", "ï"},
    {"Ö", "ö"}, {"Ü", "ü"}, {"Ç", "ç"}, {"Ñ", "ñ"}, {"Ł", "ł"}, {"Ø", "ø"}, {"Å", "å"},
};
const std::string kAccentLower = "âêîôûŵŷáéíóúàèòäëïöüçñłøå+()&/_";

}  // namespace

void Kiosk::typeOnScreen(const std::string& text) {
    for (char32_t cp : content::text::decode(text)) {
        std::string ch;
        content::text::appendUtf8(ch, cp);
        if (ch == " ") {
            tap("key:space");
        } else if (cp < 0x80) {
            if (cp >= 'A' && cp <= 'Z') {
                tap("key:shift");
                ch[0] = static_cast<char>(ch[0] - 'A' + 'a');
            }
            tap("key:" + ch);
        } else {
            std::string lower = ch;
            const bool upper = kAccentUpper.count(ch) > 0;
            if (upper) lower = kAccentUpper.at(ch);
            if (kAccentLower.find(lower) == std::string::npos) throw std::runtime_error("no key for " + ch);
            tap("key:accents");
            if (upper) tap("key:shift");
            tap("key:" + lower);
            tap("key:accents");
        }
    }
}

void Kiosk::answerAll(bool right) {
    const auto* v = std::get_if<flow::ModuleView>(&state.screen);
    if (!v) throw std::runtime_error("no module open");
    const auto& m = (state.lang == "cy" ? welshModules : englishModules).at(static_cast<std::size_t>(v->index));
    for (const auto& b : m.blocks) {
        if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) {
            const int n = static_cast<int>(k->options.size());
            const int pick = right ? k->correct : (k->correct + 1) % n;
            tap("option:" + m.id + "/" + k->id + "/" + std::to_string(pick));
        }
        if (const auto* s = std::get_if<content::Scenario>(&b)) {
            const char* names[3] = {"crime", "not-crime", "depends"};
            const int correct = s->verdict == content::Verdict::Crime      ? 0
                                : s->verdict == content::Verdict::NotCrime ? 1
                                                                           : 2;
            tap("verdict:" + m.id + "/" + s->id + "/" + names[right ? correct : (correct + 1) % 3]);
        }
    }
}

}  // namespace kiosk::test
