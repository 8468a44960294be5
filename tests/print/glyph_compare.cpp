// Proves the prepared font prints right through libharu: each code point is embedded alone in a PDF (the case
// where libharu's composite-glyph bug, upstream #79, bites), rasterised with pdftoppm and compared pixel by
// pixel with FreeType's rendering of the ORIGINAL DejaVu font. Layer: tests (print).
// Usage: glyph_compare [--all | --names | TEXT...] [--embed-original] [--verbose]; exit 0 when nothing differs.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "../../print/src/pdf_writer.hpp"
#include "content/text.hpp"
#include "fixtures.hpp"
#include "print/font_coverage.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kPx = 48;          // glyph size: 48 pt at 72 dpi = 48 px
constexpr int kPage = 96;        // page (and bitmap) side in pt = px
constexpr int kOriginX = 24;     // pen position, whole pixels in both renderings
constexpr int kBaseline = 64;    // from the top

struct Gray {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
};

Gray readPgm(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string magic;
    Gray g;
    int maxv = 0;
    in >> magic >> g.w >> g.h >> maxv;
    in.get();
    if (magic != "P5" || maxv != 255) throw std::runtime_error("unexpected PGM " + file.string());
    g.px.resize(static_cast<std::size_t>(g.w) * g.h);
    in.read(reinterpret_cast<char*>(g.px.data()), static_cast<std::streamsize>(g.px.size()));
    return g;
}

// FreeType's rendering of `cp` from the original font, as ink (255 = black) on a kPage square.
std::vector<unsigned char> freetypeInk(FT_Face face, char32_t cp) {
    std::vector<unsigned char> ink(kPage * kPage, 0);
    if (FT_Load_Char(face, cp, FT_LOAD_RENDER | FT_LOAD_NO_HINTING) != 0) return ink;
    const FT_Bitmap& bm = face->glyph->bitmap;
    const int left = kOriginX + face->glyph->bitmap_left;
    const int top = kBaseline - face->glyph->bitmap_top;
    for (unsigned y = 0; y < bm.rows; ++y)
        for (unsigned x = 0; x < bm.width; ++x) {
            const int px = left + static_cast<int>(x), py = top + static_cast<int>(y);
            if (px >= 0 && py >= 0 && px < kPage && py < kPage)
                ink[py * kPage + px] = bm.buffer[y * bm.pitch + x];
        }
    return ink;
}

struct Diff {
    int mismatched = 0;
    int ink = 0;
};

// Pixels whose ink differs by more than half, ignoring the anti-aliased rim (a pixel counts only when no
// neighbour in the other image matches it), so rasteriser rounding does not count but a missing accent does.
Diff compare(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
    Diff d;
    auto on = [](const std::vector<unsigned char>& v, int x, int y) {
        return x >= 0 && y >= 0 && x < kPage && y < kPage && v[y * kPage + x] >= 128;
    };
    for (int y = 0; y < kPage; ++y)
        for (int x = 0; x < kPage; ++x) {
            const bool pa = on(a, x, y), pb = on(b, x, y);
            if (pa || pb) ++d.ink;
            if (pa == pb) continue;
            bool near = false;
            for (int dy = -1; dy <= 1 && !near; ++dy)
                for (int dx = -1; dx <= 1 && !near; ++dx)
                    near = on(pa ? b : a, x + dx, y + dy);
            if (!near) ++d.mismatched;
        }
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char32_t> cps;
    bool embedOriginal = false, verbose = false;
    std::set<char32_t> seen;
    auto addText = [&](const std::string& s) {
        for (char32_t cp : content::text::decode(content::text::toNfc(s)))
            if (cp > 0x20 && seen.insert(cp).second) cps.push_back(cp);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--all") {
            for (char32_t cp : print::printableCodePoints())
                if (cp > 0x20 && seen.insert(cp).second) cps.push_back(cp);
        } else if (a == "--names") {
            for (const auto& n : print::testing::hardNames()) addText(n);
        } else if (a == "--embed-original") {
            embedOriginal = true;
        } else if (a == "--verbose") {
            verbose = true;
        } else {
            addText(a);
        }
    }
    if (cps.empty()) {
        std::fprintf(stderr, "usage: glyph_compare [--all | --names | TEXT...] [--embed-original] [--verbose]\n");
        return 2;
    }
    const fs::path fonts = fs::path(print::testing::sourceDir()) / "assets/fonts";
    const fs::path regular = fonts / (embedOriginal ? "DejaVuSans.ttf" : "BriefingSans.ttf");
    const fs::path bold = fonts / (embedOriginal ? "DejaVuSans-Bold.ttf" : "BriefingSans-Bold.ttf");
    FT_Library ft;
    FT_Face faces[2];
    if (FT_Init_FreeType(&ft) || FT_New_Face(ft, (fonts / "DejaVuSans.ttf").c_str(), 0, &faces[0]) ||
        FT_New_Face(ft, (fonts / "DejaVuSans-Bold.ttf").c_str(), 0, &faces[1])) {
        std::fprintf(stderr, "glyph_compare: FreeType cannot open the original fonts in %s\n", fonts.c_str());
        return 3;
    }
    for (auto* f : faces) FT_Set_Pixel_Sizes(f, 0, kPx);

    std::string tmpl = (fs::temp_directory_path() / "bk-glyphs-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return 3;
    const fs::path dir = tmpl;
    int differing = 0;
    std::string list;
    for (char32_t cp : cps) {
        std::string text;
        content::text::appendUtf8(text, cp);
        const fs::path pdf = dir / "g.pdf";
        {
            // Each code point alone in its document: regular on page 1, bold on page 2.
            print::detail::PdfWriter w(regular.string(), bold.string(), kPage, kPage);
            w.addPage();
            w.drawText(text, print::detail::Face::Regular, kPx, kOriginX, kPage - kBaseline);
            w.addPage();
            w.drawText(text, print::detail::Face::Bold, kPx, kOriginX, kPage - kBaseline);
            const auto bytes = w.save();
            std::ofstream(pdf, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                        static_cast<std::streamsize>(bytes.size()));
        }
        const std::string cmd = "pdftoppm -q -gray -r 72 -aa yes -aaVector yes '" + pdf.string() + "' '" +
                                (dir / "p").string() + "'";
        if (std::system(cmd.c_str()) != 0) {
            std::fprintf(stderr, "glyph_compare: pdftoppm failed\n");
            return 3;
        }
        bool bad = false;
        std::string detail;
        for (int page = 0; page < 2; ++page) {
            Gray g = readPgm(dir / ("p-" + std::to_string(page + 1) + ".pgm"));
            if (g.w != kPage || g.h != kPage) throw std::runtime_error("unexpected page size");
            std::vector<unsigned char> ink(g.px.size());
            for (std::size_t i = 0; i < ink.size(); ++i) ink[i] = static_cast<unsigned char>(255 - g.px[i]);
            const Diff d = compare(ink, freetypeInk(faces[page], cp));
            // A few stray pixels are rasteriser rounding; a missing or wrong part of a glyph is dozens.
            if (d.mismatched > 3 + d.ink / 50) {
                bad = true;
                detail += (page ? " bold " : " regular ") + std::to_string(d.mismatched) + "/" + std::to_string(d.ink);
            }
        }
        if (bad) {
            ++differing;
            list += print::describeCodePoints({cp}) + (verbose ? detail : "") + "\n";
        }
    }
    if (!std::getenv("BK_GLYPH_KEEP")) fs::remove_all(dir);
    else std::printf("kept %s\n", dir.c_str());
    FT_Done_Face(faces[0]);
    FT_Done_Face(faces[1]);
    FT_Done_FreeType(ft);
    std::printf("%s", list.c_str());
    std::printf("glyph_compare: %d of %zu code points differ from FreeType's rendering of the original font "
                "(embedded: %s)\n",
                differing, cps.size(), embedOriginal ? "original DejaVu" : "prepared Briefing Sans");
    return differing == 0 ? 0 : 1;
}
