// Font loading for the ImGui atlas. Layer: kiosk/ui.
#include "kiosk/ui/fonts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace kiosk::ui {
namespace {

// Zero-terminated pairs of inclusive code point ranges (16-bit ImWchar: the BMP only).
const ImWchar kRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0300, 0x036F,  // combining diacritical marks
    0x0370, 0x03FF,  // Greek
    0x0400, 0x04FF,  // Cyrillic
    0x1E00, 0x1EFF,  // Latin Extended Additional (ŵ ẁ ẃ ẅ ỳ, Vietnamese)
    0x2000, 0x206F,  // General Punctuation
    0x20A0, 0x20BF,  // currency signs
    0x2190, 0x21FF,  // arrows
    0x2713, 0x2717,  // check marks and crosses
    0xFFFD, 0xFFFD,  // replacement character
    0,
};

// Headings and titles show only course and catalog text (Latin script, Welsh included); names typed by
// candidates are always shown in the body fonts. Fewer glyphs at large sizes keep the atlas (uploaded as
// RGBA at start-up) at half the size.
const ImWchar kHeadingRanges[] = {
    0x0020, 0x017F,  // Basic Latin, Latin-1, Latin Extended-A (ŵ ŷ)
    0x1E80, 0x1EF9,  // ẁ ẃ ẅ ỳ and the rest of the Welsh-relevant Latin Extended Additional
    0x2000, 0x206F,  // General Punctuation
    0x20AC, 0x20AC,  // euro sign
    0x2190, 0x21FF,  // arrows
    0x2713, 0x2717,  // check marks and crosses
    0,
};

ImFont* addFont(ImFontAtlas& atlas, const std::filesystem::path& file, float px, const ImWchar* ranges) {
    // Check first: ImGui asserts (and aborts) on a file it cannot open.
    std::ifstream probe(file, std::ios::binary);
    if (!probe) throw FontError("font file missing or unreadable: " + file.string());
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // large sizes need no horizontal oversampling, and it triples atlas build time
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    ImFont* font = atlas.AddFontFromFileTTF(file.c_str(), px, &cfg, ranges);
    if (!font) throw FontError("font file could not be loaded: " + file.string());
    return font;
}

}  // namespace

float emForScreenHeight(float height) { return std::max(18.0f, std::round(30.0f * height / 1080.0f)); }

// The screens use the same prepared family as the printed pack (assets/fonts/README.md), so what a
// candidate sees on screen is what prints.
Fonts loadFonts(ImFontAtlas& atlas, const std::filesystem::path& assetsDir, float em) {
    const auto regular = assetsDir / "fonts" / "BriefingSans.ttf";
    const auto bold = assetsDir / "fonts" / "BriefingSans-Bold.ttf";
    atlas.Clear();
    Fonts f;
    f.em = em;
    f.body = addFont(atlas, regular, em, kRanges);
    f.bold = addFont(atlas, bold, em, kRanges);
    f.heading = addFont(atlas, bold, std::round(em * 1.5f), kHeadingRanges);
    f.title = addFont(atlas, bold, std::round(em * 2.2f), kHeadingRanges);
    if (!atlas.Build()) throw FontError("the font atlas could not be built from " + regular.string());
    return f;
}

Fonts loadFonts(const std::filesystem::path& assetsDir, float em) {
    ImGuiIO& io = ImGui::GetIO();
    Fonts f = loadFonts(*io.Fonts, assetsDir, em);
    io.FontDefault = f.body;
    return f;
}

}  // namespace kiosk::ui
