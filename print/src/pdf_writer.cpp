// libharu document wrapper: error recording, checked calls, UTF-8 measuring and wrapping. Layer: print.
#include "pdf_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "print/pack.hpp"

namespace print::detail {
namespace {

// libharu calls this from inside its C frames: only record, never throw or longjmp.
void recordError(HPDF_STATUS error, HPDF_STATUS detail, void* userData) noexcept {
    auto* state = static_cast<HpdfErrorState*>(userData);
    if (state->error == HPDF_OK) {
        state->error = error;
        state->detail = detail;
    }
}

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Italic faces are the upright ones slanted: the prepared family ships Regular and Bold only.
constexpr float kSlant = 0.2f;

}  // namespace

PdfWriter::PdfWriter(const std::string& regularFont, const std::string& boldFont, float pageWidth,
                     float pageHeight)
    : m_pageWidth(pageWidth), m_pageHeight(pageHeight) {
    m_doc = HPDF_New(recordError, &m_err);
    if (!m_doc) throw PackError("libharu: cannot create a document (out of memory)");
    // The destructor does not run when the constructor throws: free the document here on the way out.
    try {
        check(HPDF_SetCompressionMode(m_doc, HPDF_COMP_ALL), "HPDF_SetCompressionMode");
        check(HPDF_UseUTFEncodings(m_doc), "HPDF_UseUTFEncodings");
        check(HPDF_SetCurrentEncoder(m_doc, "UTF-8"), "HPDF_SetCurrentEncoder");
        const char* regularName = checkHandle(HPDF_LoadTTFontFromFile(m_doc, regularFont.c_str(), HPDF_TRUE),
                                              "loading the regular font");
        const char* boldName =
            checkHandle(HPDF_LoadTTFontFromFile(m_doc, boldFont.c_str(), HPDF_TRUE), "loading the bold font");
        m_regular = checkHandle(HPDF_GetFont(m_doc, regularName, "UTF-8"), "HPDF_GetFont (regular)");
        m_bold = checkHandle(HPDF_GetFont(m_doc, boldName, "UTF-8"), "HPDF_GetFont (bold)");
    } catch (...) {
        HPDF_Free(m_doc);
        m_doc = nullptr;
        throw;
    }
}

PdfWriter::~PdfWriter() {
    if (m_doc) HPDF_Free(m_doc);
}

void PdfWriter::check(HPDF_STATUS st, const char* what) {
    if (st == HPDF_OK && m_err.error == HPDF_OK) return;
    char buf[96];
    std::snprintf(buf, sizeof buf, " failed (libharu error 0x%04X, detail %u)",
                  static_cast<unsigned>(m_err.error != HPDF_OK ? m_err.error : st),
                  static_cast<unsigned>(m_err.detail));
    throw PackError(std::string("PDF: ") + what + buf);
}

HPDF_Page PdfWriter::addPage() {
    m_page = checkHandle(HPDF_AddPage(m_doc), "HPDF_AddPage");
    check(HPDF_Page_SetWidth(m_page, m_pageWidth), "HPDF_Page_SetWidth");
    check(HPDF_Page_SetHeight(m_page, m_pageHeight), "HPDF_Page_SetHeight");
    m_pages.push_back(m_page);
    return m_page;
}

HPDF_Font PdfWriter::font(Face face) const {
    return (face == Face::Bold || face == Face::BoldItalic) ? m_bold : m_regular;
}

float PdfWriter::measure(std::string_view text, Face face, float size) {
    if (text.empty()) return 0;
    HPDF_REAL width = 0;
    // MeasureText takes a length: no copy to a NUL-terminated string needed.
    const HPDF_UINT fitted = HPDF_Font_MeasureText(font(face), reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                                   static_cast<HPDF_UINT>(text.size()), 1.0e6f, size, 0, 0,
                                                   HPDF_FALSE, &width);
    check(HPDF_OK, "HPDF_Font_MeasureText");
    if (fitted != text.size()) throw PackError("PDF: text too long to measure");
    return width;
}

std::size_t PdfWriter::fitPrefix(std::string_view text, Face face, float size, float width) {
    HPDF_REAL used = 0;
    const std::string s(text);
    std::size_t n = HPDF_Font_MeasureText(font(face), reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                          static_cast<HPDF_UINT>(s.size()), width, size, 0, 0, HPDF_FALSE,
                                          &used);
    check(HPDF_OK, "HPDF_Font_MeasureText");
    while (n > 0 && n < s.size() && isContinuation(static_cast<unsigned char>(s[n]))) --n;
    if (n == 0) {
        // Not even one character fits: take one whole character anyway rather than lose it.
        n = 1;
        while (n < s.size() && isContinuation(static_cast<unsigned char>(s[n]))) ++n;
    }
    return n;
}

std::vector<Line> PdfWriter::wrap(const std::vector<Run>& runs, float width, float size) {
    // Tokenise into words and single spaces, each carrying its face.
    std::vector<Run> tokens;
    for (const auto& run : runs) {
        std::size_t i = 0;
        const std::string& t = run.text;
        while (i < t.size()) {
            if (t[i] == ' ') {
                tokens.push_back({" ", run.face, 0});
                ++i;
                continue;
            }
            std::size_t j = t.find(' ', i);
            if (j == std::string::npos) j = t.size();
            tokens.push_back({t.substr(i, j - i), run.face, 0});
            i = j;
        }
    }
    std::vector<Line> lines(1);
    float spaceWidth[4] = {-1, -1, -1, -1};
    auto space = [&](Face f) {
        float& w = spaceWidth[static_cast<int>(f)];
        if (w < 0) w = measure(" ", f, size);
        return w;
    };
    auto append = [&lines](Run r) {
        Line& line = lines.back();
        line.width += r.width;
        if (!line.runs.empty() && line.runs.back().face == r.face) {
            line.runs.back().text += r.text;
            line.runs.back().width += r.width;
        } else {
            line.runs.push_back(std::move(r));
        }
    };
    // A trailing space measures but does not show: drop it so right edges and centring are honest.
    auto trimLine = [&](Line& line) {
        while (!line.runs.empty()) {
            Run& last = line.runs.back();
            if (!last.text.empty() && last.text.back() == ' ') {
                last.text.pop_back();
                last.width -= space(last.face);
                line.width -= space(last.face);
            } else if (last.text.empty()) {
                line.runs.pop_back();
            } else {
                break;
            }
        }
    };
    auto newLine = [&]() {
        trimLine(lines.back());
        lines.emplace_back();
    };
    for (auto& tok : tokens) {
        if (tok.text == " ") {
            if (lines.back().runs.empty()) continue;  // no leading spaces on a wrapped line
            tok.width = space(tok.face);
            append(tok);
            continue;
        }
        tok.width = measure(tok.text, tok.face, size);
        if (lines.back().width + tok.width <= width) {
            append(tok);
            continue;
        }
        if (!lines.back().runs.empty()) newLine();
        std::string_view rest = tok.text;
        float restWidth = tok.width;
        while (!rest.empty()) {
            if (restWidth <= width) {
                append({std::string(rest), tok.face, restWidth});
                break;
            }
            const std::size_t n = fitPrefix(rest, tok.face, size, width);
            const std::string piece(rest.substr(0, n));
            append({piece, tok.face, measure(piece, tok.face, size)});
            newLine();
            rest.remove_prefix(n);
            restWidth = measure(rest, tok.face, size);
        }
    }
    trimLine(lines.back());
    while (lines.size() > 1 && lines.back().runs.empty()) lines.pop_back();
    for (auto& line : lines) line.width = std::max(0.0f, line.width);
    return lines;
}

void PdfWriter::drawText(std::string_view text, Face face, float size, float x, float y, Rgb colour) {
    if (text.empty()) return;
    const std::string s(text);
    check(HPDF_Page_SetRGBFill(m_page, colour.r, colour.g, colour.b), "HPDF_Page_SetRGBFill");
    check(HPDF_Page_BeginText(m_page), "HPDF_Page_BeginText");
    check(HPDF_Page_SetFontAndSize(m_page, font(face), size), "HPDF_Page_SetFontAndSize");
    const bool slanted = face == Face::Italic || face == Face::BoldItalic;
    check(HPDF_Page_SetTextMatrix(m_page, 1, 0, slanted ? kSlant : 0, 1, x, y), "HPDF_Page_SetTextMatrix");
    check(HPDF_Page_ShowText(m_page, s.c_str()), "HPDF_Page_ShowText");
    check(HPDF_Page_EndText(m_page), "HPDF_Page_EndText");
}

void PdfWriter::drawLine(const Line& line, float x, float y, float size, Rgb colour) {
    for (const auto& r : line.runs) {
        drawText(r.text, r.face, size, x, y, colour);
        x += r.width;
    }
}

void PdfWriter::fillRect(float x, float y, float w, float h, Rgb c) {
    check(HPDF_Page_SetRGBFill(m_page, c.r, c.g, c.b), "HPDF_Page_SetRGBFill");
    check(HPDF_Page_Rectangle(m_page, x, y, w, h), "HPDF_Page_Rectangle");
    check(HPDF_Page_Fill(m_page), "HPDF_Page_Fill");
}

void PdfWriter::strokeRect(float x, float y, float w, float h, float lineWidth, Rgb c, bool dashed) {
    static constexpr HPDF_UINT16 kDash[] = {4, 3};
    check(HPDF_Page_SetLineWidth(m_page, lineWidth), "HPDF_Page_SetLineWidth");
    check(HPDF_Page_SetRGBStroke(m_page, c.r, c.g, c.b), "HPDF_Page_SetRGBStroke");
    check(HPDF_Page_SetDash(m_page, dashed ? kDash : nullptr, dashed ? 2 : 0, 0), "HPDF_Page_SetDash");
    check(HPDF_Page_Rectangle(m_page, x, y, w, h), "HPDF_Page_Rectangle");
    check(HPDF_Page_Stroke(m_page), "HPDF_Page_Stroke");
    if (dashed) check(HPDF_Page_SetDash(m_page, nullptr, 0, 0), "HPDF_Page_SetDash");
}

void PdfWriter::hLine(float x0, float x1, float y, float lineWidth, Rgb c) {
    check(HPDF_Page_SetLineWidth(m_page, lineWidth), "HPDF_Page_SetLineWidth");
    check(HPDF_Page_SetRGBStroke(m_page, c.r, c.g, c.b), "HPDF_Page_SetRGBStroke");
    check(HPDF_Page_MoveTo(m_page, x0, y), "HPDF_Page_MoveTo");
    check(HPDF_Page_LineTo(m_page, x1, y), "HPDF_Page_LineTo");
    check(HPDF_Page_Stroke(m_page), "HPDF_Page_Stroke");
}

std::vector<unsigned char> PdfWriter::save() {
    check(HPDF_SaveToStream(m_doc), "HPDF_SaveToStream");
    const HPDF_UINT32 size = HPDF_GetStreamSize(m_doc);
    check(HPDF_OK, "HPDF_GetStreamSize");
    std::vector<unsigned char> out(size);
    HPDF_UINT32 got = size;
    const HPDF_STATUS st = HPDF_ReadFromStream(m_doc, out.data(), &got);
    if (st == HPDF_STREAM_EOF && got == size) {
        // Reaching the end while reading everything is success, but libharu reports it as an error.
        HPDF_ResetError(m_doc);
        m_err = {};
    } else {
        check(st, "HPDF_ReadFromStream");
    }
    if (got != size) throw PackError("PDF: short read from libharu's stream");
    return out;
}

std::vector<Run> toRuns(const content::Inlines& spans, Face base) {
    std::vector<Run> runs;
    for (const auto& s : spans) {
        Face f = base;
        const bool bold = s.strong || base == Face::Bold || base == Face::BoldItalic;
        const bool italic = s.emphasis || base == Face::Italic || base == Face::BoldItalic;
        f = bold ? (italic ? Face::BoldItalic : Face::Bold) : (italic ? Face::Italic : Face::Regular);
        runs.push_back({s.text, f, 0});
        if (!s.link.empty() && s.link != s.text) runs.push_back({" (" + s.link + ")", base, 0});
    }
    return runs;
}

}  // namespace print::detail
