// Lays the pack's pages out on a PdfWriter: cover, quick-reference card, modules, plan, log, contacts, footers.
// Layer: print (internal). One instance per rendered pack; not thread-safe (each thread owns its own).
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

#include "pack_strings.hpp"
#include "pdf_writer.hpp"
#include "print/pack.hpp"

namespace print::detail {

inline constexpr Rgb kBlack{0, 0, 0};
inline constexpr Rgb kGrey{0.35f, 0.35f, 0.35f};
inline constexpr Rgb kRule{0.6f, 0.6f, 0.6f};
inline constexpr Rgb kWhite{1, 1, 1};
inline constexpr Rgb kEmergency{0.75f, 0.05f, 0.05f};

inline Rgb lighten(Rgb c, float t) { return {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t}; }

struct Metrics {
    float body, small, h1, h2, h3, title, name, footerName, footerInfo;
    float leading = 1.32f;  // line height / font size
};

class PackLayout {
public:
    PackLayout(PdfWriter& writer, const PackRequest& request, const PackStrings& strings);
    void build();

private:
    std::string label(const std::string& key) const;
    // A force-profile text in the pack's language (both, Welsh first, in a bilingual pack).
    std::string text(const content::Bilingual& b) const;
    // The force's candidate contacts that have details, each with its label key.
    std::vector<std::pair<std::string, const content::ForceProfile::Contact*>> contactsToShow() const;
    std::string format(const std::string& key, std::initializer_list<std::pair<const char*, std::string>> vars) const;

    void startSection(const std::string& outlineTitle);
    void newPage();
    void ensure(float height);
    float contentWidth() const { return m_right - m_left; }

    // Flowing text: wraps and draws at the cursor, breaking pages between lines.
    void paragraph(const std::vector<Run>& runs, float size, float indent = 0, Rgb colour = {}, float after = -1);
    void paragraph(const std::string& text, Face face, float size, float indent = 0, Rgb colour = {}, float after = -1);
    void heading(const std::string& text, int level);
    void fittedLine(const std::string& text, Face face, float size, float after);
    void ruledLines(int count, float indent = 0);

    void cover();
    void quickReference();
    void module(const content::Module& m);
    void block(const content::Block& b);
    void callout(const content::Callout& c);
    void table(const content::Table& t);
    void knowledgeCheck(const content::KnowledgeCheck& k);
    void scenario(const content::Scenario& s);
    void plan();
    void incidentLog();
    void contacts();
    void footers();
    void drawQr(const std::string& text, float x, float top, float size);

    PdfWriter& m_w;
    const PackRequest& m_req;
    const PackStrings& m_strings;
    Metrics m_m;
    Rgb m_accent;
    HPDF_Encoder m_utf8 = nullptr;
    float m_left, m_right, m_top, m_bottom, m_footerTop;
    float m_y = 0;
};

}  // namespace print::detail
