// The pack text-layout check behind the libFuzzer target and its corpus replay. Layer: tests/hardening.
#include "layout_fuzz_input.hpp"

#include "content/text.hpp"
#include "pdf_writer.hpp"  // print's internal writer (print/src): the layout the pack renderer uses
#include "print/pack.hpp"

#include <cmath>
#include <memory>
#include <vector>

namespace hardening {
namespace {

using print::detail::Face;
using print::detail::PdfWriter;
using print::detail::Run;

const print::PackAssets& assets() {
    static const print::PackAssets a = print::findPackAssets();
    return a;
}

// One writer for many inputs (loading the fonts costs more than a wrap); a new one after any error, as
// the writer keeps libharu's error state.
PdfWriter& writer(bool fresh) {
    static std::unique_ptr<PdfWriter> w;
    if (!w || fresh) w = std::make_unique<PdfWriter>(assets().regularFont.string(), assets().boldFont.string(), 595, 842);
    return *w;
}

std::string withoutSpaces(std::string s) {
    std::erase(s, ' ');
    return s;
}

std::optional<std::string> refusal(const print::PackError& e) {
    if (!content::text::isValidUtf8(e.what())) return std::string("PackError message is not valid UTF-8");
    return std::nullopt;
}

std::optional<std::string> checkWrap(const std::vector<Run>& runs, float width, float size) {
    std::vector<print::detail::Line> lines;
    try {
        lines = writer(false).wrap(runs, width, size);
    } catch (const print::PackError& e) {
        writer(true);
        return refusal(e);
    }
    std::string in, out;
    for (const auto& r : runs) in += r.text;
    bool first = true;
    for (const auto& line : lines) {
        std::string text;
        for (const auto& r : line.runs) text += r.text;
        out += text;
        if (!std::isfinite(line.width) || line.width < 0) return "a line has width " + std::to_string(line.width);
        // Over-wide only when the line is one character that fits nowhere (it is kept, not dropped).
        if (line.width > width + 0.01f * size && content::text::codePointCount(text) > 1)
            return "line '" + text + "' is " + std::to_string(line.width) + " pt wide, more than " + std::to_string(width);
        if (!first && !text.empty() && text.front() == ' ') return "a wrapped line starts with a space: '" + text + "'";
        if (!text.empty() && text.back() == ' ') return "a line ends with a space: '" + text + "'";
        first = false;
    }
    // Nothing dropped, nothing added, nothing reordered: only spaces at the breaks may go.
    if (withoutSpaces(in) != withoutSpaces(out)) return "wrapped text differs from its input (beyond spaces)";
    if (lines.empty()) return "wrap returned no lines";
    return std::nullopt;
}

std::optional<std::string> checkRender(const std::string& name) {
    print::PackRequest request;
    request.candidateName = name;
    request.constituency = "Fuzzfield";
    request.briefingDate = "2026-11-27";
    request.verificationCode = "ABCD-1234";
    request.plan.notes = name;  // the same text through the plan's flowing paragraphs
    static const print::PackRenderer renderer(assets());
    std::vector<unsigned char> pdf;
    try {
        pdf = renderer.render(request);
    } catch (const print::PackError& e) {
        return refusal(e);
    }
    const std::string_view bytes(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    if (bytes.substr(0, 5) != "%PDF-" || bytes.find("%%EOF", bytes.size() > 16 ? bytes.size() - 16 : 0) == std::string_view::npos)
        return std::string("render returned an incomplete PDF");
    return std::nullopt;
}

}  // namespace

std::optional<std::string> checkPackLayout(std::string_view bytes) {
    if (bytes.size() < 4) return std::nullopt;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const int mode = b(0) % 8;
    const float width = static_cast<float>((b(1) << 8) | b(2)) * 0.25f;
    const float size = 3.0f + static_cast<float>(b(3) % 64);
    // What reaches print is sanitised text: valid UTF-8 without control characters (personal fields through
    // sanitiseLine, content through the parser). Raw NULs are measured inconsistently by libharu.
    std::string text = content::text::repairUtf8(bytes.substr(4));
    std::erase_if(text, [](char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\x1f') || c == '\x7f'; });
    if (mode == 7) return checkRender(text);
    std::vector<Run> runs;
    Face face = static_cast<Face>((b(0) >> 3) % 4);
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = text.find('\x1f', start);
        runs.push_back({text.substr(start, at == std::string::npos ? std::string::npos : at - start), face, 0});
        if (at == std::string::npos) break;
        face = static_cast<Face>((static_cast<int>(face) + 1) % 4);
        start = at + 1;
    }
    if (auto problem = checkWrap(runs, width, size)) return problem;
    for (const auto& r : runs) {
        try {
            const float w = writer(false).measure(r.text, r.face, size);
            if (!std::isfinite(w) || w < 0 || (r.text.empty() && w != 0))
                return "measure gives " + std::to_string(w) + " pt for '" + r.text + "'";
        } catch (const print::PackError& e) {
            writer(true);
            return refusal(e);
        }
    }
    return std::nullopt;
}

}  // namespace hardening
