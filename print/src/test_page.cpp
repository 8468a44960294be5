// The printer test page, drawn through the pack's PdfWriter. Layer: print.
#include "print/test_page.hpp"

#include "bk/build_info.hpp"
#include "content/text.hpp"
#include "pdf_writer.hpp"
#include "print/font_coverage.hpp"

#include <cstdio>
#include <random>

namespace print {
namespace {

std::string printable(const std::string& value, const std::string& field) {
    if (!content::text::isValidUtf8(value)) throw PackError("test page: " + field + " is not valid UTF-8");
    std::string line = content::text::sanitiseLine(value).value;
    const auto bad = unsupportedCharacters(line);
    if (!bad.empty())
        throw PackError("test page: " + field + " contains characters the printer font lacks: " +
                        describeCodePoints(bad));
    return line;
}

constexpr detail::Rgb kBlack{0, 0, 0};
constexpr detail::Rgb kGrey{0.45f, 0.45f, 0.45f};

}  // namespace

std::vector<unsigned char> renderTestPage(const TestPageRequest& request, const PackAssets& assets) {
    const std::string force = printable(request.forceName, "force name");
    const std::string destination = printable(request.destination, "printer");
    const std::string at = printable(request.printedAt, "time");
    const bool letter = request.paper == Paper::Letter;
    detail::PdfWriter w(assets.regularFont.string(), assets.boldFont.string(), letter ? 612.0f : 595.28f,
                        letter ? 792.0f : 841.89f);
    w.check(HPDF_SetInfoAttr(w.doc(), HPDF_INFO_TITLE, "Briefing Kiosk printer test page"), "HPDF_SetInfoAttr(Title)");
    w.check(HPDF_SetInfoAttr(w.doc(), HPDF_INFO_CREATOR, "Briefing Kiosk"), "HPDF_SetInfoAttr(Creator)");
    w.addPage();
    const float margin = 56.0f;
    const float width = w.pageWidth() - 2 * margin;
    float y = w.pageHeight() - margin - 24.0f;
    w.drawText("Printer test page", detail::Face::Bold, 24.0f, margin, y, kBlack);
    y -= 40.0f;
    const std::pair<const char*, std::string> rows[] = {
        {"Force", force.empty() ? "(not set)" : force},
        {"Printer", destination.empty() ? "(not set)" : destination},
        {"Printed", at},
        {"Kiosk version", bk::kVersion},
    };
    for (const auto& [label, value] : rows) {
        w.drawText(label, detail::Face::Bold, 12.0f, margin, y, kBlack);
        for (const auto& line : w.wrap({{value, detail::Face::Regular, 0}}, width - 120.0f, 12.0f)) {
            w.drawLine(line, margin + 120.0f, y, 12.0f, kBlack);
            y -= 16.0f;
        }
        y -= 6.0f;
    }
    y -= 10.0f;
    w.hLine(margin, margin + width, y, 0.5f, kGrey);
    y -= 30.0f;
    // Test pattern: a grey ramp (toner and banding), hairlines to heavy lines (fine detail), and a frame
    // near the printable edge (a page shifted or scaled by the driver shows one side cut off).
    const int steps = 10;
    const float cell = width / steps;
    for (int i = 0; i < steps; ++i) {
        const float v = 1.0f - static_cast<float>(i + 1) / steps;
        w.fillRect(margin + i * cell, y - 40.0f, cell, 40.0f, {v, v, v});
    }
    w.strokeRect(margin, y - 40.0f, width, 40.0f, 0.5f, kBlack);
    y -= 70.0f;
    const float weights[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f};
    for (float lw : weights) {
        w.hLine(margin, margin + width, y, lw, kBlack);
        char text[32];
        std::snprintf(text, sizeof text, "%.2f pt", static_cast<double>(lw));
        w.drawText(text, detail::Face::Regular, 9.0f, margin, y + 4.0f, kGrey);
        y -= 24.0f;
    }
    y -= 10.0f;
    w.drawText("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789", detail::Face::Regular, 11.0f,
               margin, y, kBlack);
    y -= 18.0f;
    w.drawText("Welsh: ŵ ŷ â ê î ô û ë ï  —  Bold:", detail::Face::Regular, 11.0f, margin, y, kBlack);
    w.drawText("Cymraeg", detail::Face::Bold, 11.0f, margin + 220.0f, y, kBlack);
    w.strokeRect(18.0f, 18.0f, w.pageWidth() - 36.0f, w.pageHeight() - 36.0f, 1.0f, kBlack, true);
    w.drawText("This page holds no personal data.", detail::Face::Italic, 10.0f, margin, margin, kGrey);
    return w.save();
}

std::string testPageJobId() {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    const std::uint64_t a = gen(), b = gen();
    char id[40];
    std::snprintf(id, sizeof id, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
                  static_cast<unsigned>(0x8000 | (b >> 48 & 0x3FFF)),
                  static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
    return id;
}

}  // namespace print
