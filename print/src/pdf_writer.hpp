// A checked wrapper over one libharu document plus UTF-8 text measurement, wrapping and page flow.
// Layer: print (internal). Every libharu call is checked; errors are recorded by the handler and thrown here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "content/document.hpp"

namespace print::detail {

enum class Face { Regular, Bold, Italic, BoldItalic };

// One styled piece of text on a line, or a token before wrapping.
struct Run {
    std::string text;
    Face face = Face::Regular;
    float width = 0;  // at the size it was measured with
};

struct Line {
    std::vector<Run> runs;
    float width = 0;
};

struct Rgb {
    float r = 0, g = 0, b = 0;
};

// Recorded by libharu's error handler; never thrown through libharu's frames.
struct HpdfErrorState {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

class PdfWriter {
public:
    PdfWriter(const std::string& regularFont, const std::string& boldFont, float pageWidth, float pageHeight);
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    HPDF_Doc doc() { return m_doc; }
    HPDF_Page page() { return m_page; }
    const std::vector<HPDF_Page>& pages() const { return m_pages; }
    float pageWidth() const { return m_pageWidth; }
    float pageHeight() const { return m_pageHeight; }

    // Throws PackError naming `what` when `st` is not OK or the handler recorded an error.
    void check(HPDF_STATUS st, const char* what);
    template <class T>
    T checkHandle(T handle, const char* what) {
        check(handle ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, what);
        return handle;
    }

    HPDF_Page addPage();
    void setPage(HPDF_Page p) { m_page = p; }

    float measure(std::string_view text, Face face, float size);
    // Greedy wrap of styled runs into lines no wider than `width`; words wider than a line are broken
    // between characters. Nothing is dropped: every input character appears in exactly one line.
    std::vector<Line> wrap(const std::vector<Run>& runs, float width, float size);
    // Draws a line with its left edge at x and baseline at y.
    void drawLine(const Line& line, float x, float y, float size, Rgb colour = {});
    void drawText(std::string_view text, Face face, float size, float x, float y, Rgb colour = {});

    void fillRect(float x, float y, float w, float h, Rgb colour);
    void strokeRect(float x, float y, float w, float h, float lineWidth, Rgb colour, bool dashed = false);
    void hLine(float x0, float x1, float y, float lineWidth, Rgb colour);

    // PDF bytes of the finished document.
    std::vector<unsigned char> save();

private:
    HPDF_Font font(Face face) const;
    // Largest prefix of `text` (in bytes, on a character boundary) no wider than `width`; at least one character.
    std::size_t fitPrefix(std::string_view text, Face face, float size, float width);

    HpdfErrorState m_err;
    HPDF_Doc m_doc = nullptr;
    HPDF_Font m_regular = nullptr;
    HPDF_Font m_bold = nullptr;
    HPDF_Page m_page = nullptr;
    std::vector<HPDF_Page> m_pages;
    float m_pageWidth;
    float m_pageHeight;
};

// Inlines -> runs (emphasis -> italic, strong -> bold; links keep their text and show the address after it).
std::vector<Run> toRuns(const content::Inlines& spans, Face base = Face::Regular);

}  // namespace print::detail
