// Page layout of the safety pack on libharu: flowing text with our own wrapping, boxes, QR code, footers.
// Layer: print (internal).
#include "pack_layout.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <qrencode.h>

namespace print::detail {
namespace {

Metrics metricsFor(bool largePrint) {
    if (largePrint) return {14.0f, 12.5f, 24.0f, 19.0f, 16.0f, 30.0f, 26.0f, 12.0f, 11.0f};
    return {10.5f, 9.0f, 19.0f, 14.5f, 12.0f, 26.0f, 22.0f, 9.0f, 8.0f};
}

// Phone numbers keep together on one line: their spaces become no-break spaces.
std::string unbroken(std::string s) {
    for (std::size_t p = s.find(' '); p != std::string::npos; p = s.find(' ', p + 2)) s.replace(p, 1, "\u00A0");
    return s;
}

std::string join(const std::string& a, const std::string& sep, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + sep + b;
}

}  // namespace

PackLayout::PackLayout(PdfWriter& writer, const PackRequest& request, const PackStrings& strings)
    : m_w(writer), m_req(request), m_strings(strings), m_m(metricsFor(request.largePrint)),
      m_accent{request.force.accent.r, request.force.accent.g, request.force.accent.b} {
    const float margin = request.largePrint ? 44.0f : 50.0f;
    m_left = margin;
    m_right = writer.pageWidth() - margin;
    m_top = writer.pageHeight() - margin;
    const float footerHeight = (m_m.footerName + m_m.footerInfo) * m_m.leading + 8;
    m_footerTop = 30 + footerHeight;
    m_bottom = m_footerTop + 10;
    m_utf8 = m_w.checkHandle(HPDF_GetEncoder(m_w.doc(), "UTF-8"), "HPDF_GetEncoder(UTF-8)");
}

std::string PackLayout::label(const std::string& key) const {
    const auto& en = m_strings.en.at(key);
    const auto& cy = m_strings.cy.at(key);
    switch (m_req.language) {
        case PackLanguage::English: return en;
        case PackLanguage::Welsh: return cy;
        case PackLanguage::Bilingual: return en == cy ? en : cy + " / " + en;
    }
    return en;
}

std::string PackLayout::text(const content::Bilingual& b) const {
    switch (m_req.language) {
        case PackLanguage::English: return b.en;
        case PackLanguage::Welsh: return b.in("cy");
        case PackLanguage::Bilingual: return b.cy.empty() || b.cy == b.en ? b.en : b.cy + " / " + b.en;
    }
    return b.en;
}

std::vector<std::pair<std::string, const content::ForceProfile::Contact*>> PackLayout::contactsToShow() const {
    std::vector<std::pair<std::string, const content::ForceProfile::Contact*>> out;
    for (auto [key, c] : {std::pair{"spoc_contact", &m_req.force.spoc}, std::pair{"feoa_contact", &m_req.force.feoa}})
        if (!(c->name.en + c->role.en + c->phone + c->email).empty()) out.emplace_back(key, c);
    return out;
}

std::string PackLayout::format(const std::string& key,
                               std::initializer_list<std::pair<const char*, std::string>> vars) const {
    std::string s = label(key);
    for (const auto& [name, value] : vars) {
        for (std::size_t pos = s.find(name); pos != std::string::npos; pos = s.find(name, pos + value.size()))
            s.replace(pos, std::string_view(name).size(), value);
    }
    return s;
}

void PackLayout::newPage() {
    m_w.addPage();
    m_w.fillRect(0, m_w.pageHeight() - 8, m_w.pageWidth(), 8, m_accent);
    m_y = m_top;
}

void PackLayout::startSection(const std::string& outlineTitle) {
    newPage();
    HPDF_Outline o = m_w.checkHandle(HPDF_CreateOutline(m_w.doc(), nullptr, outlineTitle.c_str(), m_utf8),
                                     "HPDF_CreateOutline");
    HPDF_Destination d = m_w.checkHandle(HPDF_Page_CreateDestination(m_w.page()), "HPDF_Page_CreateDestination");
    m_w.check(HPDF_Outline_SetDestination(o, d), "HPDF_Outline_SetDestination");
}

void PackLayout::ensure(float height) {
    if (m_y - height < m_bottom) newPage();
}

void PackLayout::paragraph(const std::vector<Run>& runs, float size, float indent, Rgb colour, float after) {
    const float lh = size * m_m.leading;
    for (const auto& line : m_w.wrap(runs, contentWidth() - indent, size)) {
        ensure(lh);
        m_y -= lh;
        m_w.drawLine(line, m_left + indent, m_y + (lh - size) * 0.5f + size * 0.2f, size, colour);
    }
    m_y -= after < 0 ? size * 0.6f : after;
}

void PackLayout::paragraph(const std::string& text, Face face, float size, float indent, Rgb colour, float after) {
    paragraph(std::vector<Run>{{text, face, 0}}, size, indent, colour, after);
}

void PackLayout::heading(const std::string& text, int level) {
    const float size = level <= 1 ? m_m.h1 : level == 2 ? m_m.h2 : m_m.h3;
    // Keep a heading with at least two lines of what follows.
    ensure(size * m_m.leading * 1.5f + m_m.body * m_m.leading * 2);
    m_y -= size * 0.4f;
    paragraph(text, Face::Bold, size, 0, level <= 2 ? m_accent : kBlack, size * 0.35f);
}

void PackLayout::fittedLine(const std::string& text, Face face, float size, float after) {
    // Shrink to at most three quarters of the size to keep it on one line, else wrap (never cut).
    const float w = m_w.measure(text, face, size);
    if (w > contentWidth() && w * 0.75f <= contentWidth()) size *= contentWidth() / w * 0.999f;
    paragraph(text, face, size, 0, kBlack, after);
}

void PackLayout::ruledLines(int count, float indent) {
    const float gap = m_m.body * 2.0f;
    for (int i = 0; i < count; ++i) {
        ensure(gap);
        m_y -= gap;
        m_w.hLine(m_left + indent, m_right, m_y, 0.5f, kRule);
    }
    m_y -= m_m.body * 0.6f;
}

void PackLayout::build() {
    cover();
    quickReference();
    for (const auto& m : m_req.modules) module(m);
    if (m_req.includePlan) plan();
    incidentLog();
    contacts();
    footers();
}

void PackLayout::cover() {
    startSection(label("title"));
    const float band = m_req.largePrint ? 96.0f : 84.0f;
    const float pageH = m_w.pageHeight();
    m_w.fillRect(0, pageH - band, m_w.pageWidth(), band, m_accent);
    float textRight = m_right;
    if (!m_req.force.logo.empty()) {
        const std::string path = m_req.force.logo.string();
        const std::string ext = m_req.force.logo.extension().string();
        HPDF_Image img = (ext == ".jpg" || ext == ".jpeg") ? HPDF_LoadJpegImageFromFile(m_w.doc(), path.c_str())
                                                            : HPDF_LoadPngImageFromFile(m_w.doc(), path.c_str());
        m_w.checkHandle(img, "loading the force logo (PNG or JPEG)");
        const float iw = static_cast<float>(HPDF_Image_GetWidth(img));
        const float ih = static_cast<float>(HPDF_Image_GetHeight(img));
        if (iw <= 0 || ih <= 0) throw PackError("force logo " + path + " has no pixels");
        const float h = band - 20;
        const float w = std::min(iw * h / ih, 160.0f);
        const float hh = ih * w / iw;
        m_w.check(HPDF_Page_DrawImage(m_w.page(), img, m_right - w, pageH - band + (band - hh) / 2, w, hh),
                  "HPDF_Page_DrawImage");
        textRight = m_right - w - 12;
    }
    {
        std::string name = m_req.force.name.in(m_req.language == PackLanguage::Welsh ? "cy" : "en");
        if (m_req.language == PackLanguage::Bilingual) name = join(m_req.force.name.cy, " / ", m_req.force.name.en);
        float size = m_m.h2;
        auto lines = m_w.wrap({{name, Face::Bold, 0}}, textRight - m_left, size);
        if (lines.size() > 2) {
            size = m_m.body;
            lines = m_w.wrap({{name, Face::Bold, 0}}, textRight - m_left, size);
        }
        float y = pageH - band / 2 + (lines.size() * size * m_m.leading) / 2 - size;
        for (const auto& line : lines) {
            m_w.drawLine(line, m_left, y, size, kWhite);
            y -= size * m_m.leading;
        }
    }
    m_y = pageH - band - 36;
    paragraph(label("title"), Face::Bold, m_m.title, 0, m_accent, m_m.title * 0.8f);
    paragraph(label("prepared_for"), Face::Regular, m_m.h3, 0, kGrey, 2);
    // The name in full: large when it fits in a few lines, smaller when very long, never cut.
    float nameSize = m_m.name;
    if (m_w.wrap({{m_req.candidateName, Face::Bold, 0}}, contentWidth(), nameSize).size() > 4) nameSize = m_m.h3;
    paragraph(m_req.candidateName, Face::Bold, nameSize, 0, kBlack, nameSize * 0.8f);
    auto field = [this](const std::string& key, const std::string& value) {
        if (value.empty()) return;
        paragraph(label(key), Face::Regular, m_m.small, 0, kGrey, 1);
        paragraph(value, Face::Bold, m_m.body, 0, kBlack, m_m.body * 0.8f);
    };
    field("constituency", m_req.constituency);
    field("briefing_date", m_req.briefingDate);
    field("officer", m_req.officer);
    field("course_version", m_req.courseVersion);
    if (!m_req.modulesCompleted.empty()) {
        paragraph(label("modules_completed"), Face::Regular, m_m.small, 0, kGrey, 2);
        for (const auto& id : m_req.modulesCompleted) {
            std::string title = id;
            for (const auto& m : m_req.modules)
                if (m.id == id) {
                    title = m.title;
                    break;
                }
            paragraph(std::vector<Run>{{"\u2713 ", Face::Bold, 0}, {title, Face::Regular, 0}}, m_m.body, 8, kBlack,
                      2);
        }
        m_y -= m_m.body * 0.6f;
    }
    m_y -= m_m.body;
    paragraph(label("cover_note"), Face::Bold, m_m.body, 0, kEmergency);
}

void PackLayout::quickReference() {
    startSection(label("quick_ref"));
    heading(label("quick_ref"), 1);
    paragraph(label("quick_ref_cut"), Face::Italic, m_m.small, 0, kGrey);
    const auto& r = m_req.force.reporting;
    const bool qr = !r.onlineUrl.empty();
    const float qrSize = m_req.largePrint ? 130.0f : 110.0f;
    const float top = m_y;
    const HPDF_Page startPage = m_w.page();
    const float pad = 12;
    // Text column left of the QR code.
    const float saveRight = m_right;
    m_left += pad;
    m_right -= pad + (qr ? qrSize + pad : 0);
    m_y -= pad;
    auto item = [this](const std::string& key, const std::string& value, Rgb colour) {
        paragraph(label(key), Face::Regular, m_m.small, 0, kGrey, 1);
        paragraph(value, Face::Bold, m_m.h3, 0, colour, m_m.body * 0.5f);
    };
    item("emergency", r.emergency, kEmergency);
    item("non_emergency", r.nonEmergency, kBlack);
    item("text_relay", join(unbroken(r.textRelayEmergency), "  \u00B7  ", unbroken(r.textRelayNonEmergency)), kBlack);
    item("emergency_sms", format("emergency_sms_how", {{"{number}", r.emergencySms}}), kBlack);
    const auto contacts = contactsToShow();
    for (const auto& [key, c] : contacts) {
        paragraph(label(key), Face::Regular, m_m.small, 0, kGrey, 1);
        // Whole items per line (a phone number or address broken across lines is easy to misread), kept
        // compact so the card stays on one page with both contacts.
        for (const std::string& v : {text(c->name), join(unbroken(c->phone), "  \u00B7  ", c->email),
                                     format("contact_hours", {{"{hours}", text(c->hours)}})})
            if (!v.empty()) fittedLine(v, Face::Bold, m_m.body, 1);
        m_y -= m_m.body * 0.3f;
    }
    if (!contacts.empty()) paragraph(label("not_for_emergencies"), Face::Regular, m_m.small, 0, kEmergency, m_m.body * 0.5f);
    if (qr) {
        paragraph(label("report_online"), Face::Regular, m_m.small, 0, kGrey, 1);
        fittedLine(r.onlineUrl, Face::Bold, m_m.body, m_m.body * 0.5f);
    }
    if (m_req.includePlan) {
        const auto& p = m_req.plan;
        std::vector<std::pair<std::string, std::string>> rows;
        if (p.canvassingPartner) rows.emplace_back("plan_partner", *p.canvassingPartner);
        if (p.whoKnowsWhereIAm) rows.emplace_back("plan_who_knows", *p.whoKnowsWhereIAm);
        if (p.checkInTimes) rows.emplace_back("plan_check_in", *p.checkInTimes);
        if (!rows.empty()) {
            paragraph(label("my_plan"), Face::Bold, m_m.body, 0, m_accent, 2);
            for (const auto& [key, value] : rows)
                paragraph(std::vector<Run>{{label(key) + ": ", Face::Regular, 0}, {value, Face::Bold, 0}}, m_m.small,
                          0, kBlack, 2);
        }
    }
    m_y -= pad;
    m_left -= pad;
    m_right = saveRight;
    const HPDF_Page endPage = m_w.page();
    float bottom = m_y;
    m_w.setPage(startPage);
    float startBottom = endPage == startPage ? bottom : m_bottom;
    if (qr) {
        // The code and its caption stay on the card's first page, beside the numbers.
        const float qrTop = top - pad;
        drawQr(r.onlineUrl, m_right - pad - qrSize, qrTop, qrSize);
        const float captionSize = m_m.small * 0.9f;
        float y = qrTop - qrSize - captionSize * 1.2f;
        for (const auto& line : m_w.wrap({{label("scan_to_report"), Face::Regular, 0}}, qrSize, captionSize)) {
            m_w.drawLine(line, m_right - pad - qrSize + (qrSize - line.width) / 2, y, captionSize, kGrey);
            y -= captionSize * m_m.leading;
        }
        startBottom = std::min(startBottom, y - pad);
    }
    // The frame fits the content; a card that long answers pushed onto a second page gets a frame there too.
    m_w.strokeRect(m_left, startBottom, contentWidth(), top - startBottom, 1.0f, kBlack, true);
    m_w.setPage(endPage);
    if (endPage != startPage) {
        m_w.strokeRect(m_left, bottom, contentWidth(), m_top + pad * 0.75f - bottom, 1.0f, kBlack, true);
    } else {
        bottom = startBottom;
    }
    m_y = bottom - m_m.body;
}

void PackLayout::drawQr(const std::string& text, float x, float top, float size) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) throw PackError("QR code: cannot encode the online reporting address (too long?)");
    const int n = code->width;
    const int quiet = 2;
    const float cell = size / static_cast<float>(n + 2 * quiet);
    HPDF_Page page = m_w.page();
    m_w.check(HPDF_Page_SetRGBFill(page, 0, 0, 0), "HPDF_Page_SetRGBFill");
    for (int row = 0; row < n; ++row) {
        int col = 0;
        while (col < n) {
            if (!(code->data[row * n + col] & 1)) {
                ++col;
                continue;
            }
            const int start = col;
            while (col < n && (code->data[row * n + col] & 1)) ++col;
            // Merge each horizontal run of dark modules into one rectangle.
            m_w.check(HPDF_Page_Rectangle(page, x + (start + quiet) * cell, top - (row + quiet + 1) * cell,
                                          (col - start) * cell, cell),
                      "HPDF_Page_Rectangle");
        }
    }
    m_w.check(HPDF_Page_Fill(page), "HPDF_Page_Fill");
}

void PackLayout::plan() {
    startSection(label("plan"));
    heading(label("plan"), 1);
    paragraph(label("plan_intro"), Face::Italic, m_m.body, 0, kGrey, m_m.body);
    const auto& p = m_req.plan;
    const std::pair<const char*, const std::optional<std::string>*> items[] = {
        {"plan_partner", &p.canvassingPartner},
        {"plan_who_knows", &p.whoKnowsWhereIAm},
        {"plan_check_in", &p.checkInTimes},
        {"plan_online", &p.onlineLockdown},
    };
    const float box = m_m.body * 1.1f;
    const float indent = box + m_m.body * 0.8f;
    for (const auto& [key, value] : items) {
        const float lh = m_m.h3 * m_m.leading;
        ensure(lh + m_m.body * 3);
        m_w.strokeRect(m_left, m_y - lh + (lh - box) * 0.5f, box, box, 1.0f, kBlack);
        paragraph(label(key), Face::Bold, m_m.h3, indent, kBlack, 2);
        if (*value && !(*value)->empty())
            paragraph(**value, Face::Regular, m_m.body, indent, kBlack, m_m.body);
        else
            ruledLines(2, indent);
    }
    paragraph(label("plan_notes"), Face::Bold, m_m.h3, 0, kBlack, 2);
    if (p.notes && !p.notes->empty()) {
        std::size_t start = 0;
        const std::string& notes = *p.notes;
        while (start <= notes.size()) {
            std::size_t end = notes.find('\n', start);
            if (end == std::string::npos) end = notes.size();
            if (end > start) paragraph(notes.substr(start, end - start), Face::Regular, m_m.body);
            start = end + 1;
        }
    } else {
        ruledLines(4);
    }
}

void PackLayout::incidentLog() {
    startSection(label("incident_log"));
    heading(label("incident_log"), 1);
    paragraph(label("incident_intro"), Face::Italic, m_m.body, 0, kGrey, m_m.body);
    const float w = contentWidth();
    const float colX[] = {m_left, m_left + w * 0.22f, m_left + w * 0.72f, m_right};
    const char* keys[] = {"log_when", "log_what", "log_reported"};
    const float size = m_m.small;
    float headerH = 0;
    std::vector<std::vector<Line>> heads;
    for (int i = 0; i < 3; ++i) {
        heads.push_back(m_w.wrap({{label(keys[i]), Face::Bold, 0}}, colX[i + 1] - colX[i] - 8, size));
        headerH = std::max(headerH, heads.back().size() * size * m_m.leading + 8);
    }
    m_w.fillRect(m_left, m_y - headerH, w, headerH, lighten(m_accent, 0.85f));
    for (int i = 0; i < 3; ++i) {
        float y = m_y - 4;
        for (const auto& line : heads[i]) {
            y -= size * m_m.leading;
            m_w.drawLine(line, colX[i] + 4, y + size * 0.3f, size);
        }
    }
    const float top = m_y;
    m_y -= headerH;
    const float gap = m_req.largePrint ? 30.0f : 24.0f;
    while (m_y - gap >= m_bottom) {
        m_y -= gap;
        m_w.hLine(m_left, m_right, m_y, 0.5f, kRule);
    }
    for (float x : colX) {
        m_w.check(HPDF_Page_MoveTo(m_w.page(), x, top), "HPDF_Page_MoveTo");
        m_w.check(HPDF_Page_LineTo(m_w.page(), x, m_y), "HPDF_Page_LineTo");
    }
    m_w.check(HPDF_Page_Stroke(m_w.page()), "HPDF_Page_Stroke");
    m_w.hLine(m_left, m_right, top, 0.5f, kRule);
}

void PackLayout::contacts() {
    startSection(label("contacts"));
    heading(label("contacts"), 1);
    paragraph(label("contacts_intro"), Face::Italic, m_m.body, 0, kGrey, m_m.body);
    const auto& r = m_req.force.reporting;
    auto row = [this](const std::string& key, const std::string& value) {
        if (value.empty()) return;
        paragraph(std::vector<Run>{{label(key) + ": ", Face::Regular, 0}, {value, Face::Bold, 0}}, m_m.body, 0,
                  kBlack, m_m.body * 0.5f);
    };
    row("emergency", r.emergency);
    row("non_emergency", r.nonEmergency);
    row("text_relay", join(unbroken(r.textRelayEmergency), "  \u00B7  ", unbroken(r.textRelayNonEmergency)));
    row("emergency_sms", format("emergency_sms_how", {{"{number}", r.emergencySms}}));
    for (const auto& [key, c] : contactsToShow()) {
        row(key, join(text(c->name), ", ", text(c->role)));
        if (!c->phone.empty()) fittedLine(unbroken(c->phone), Face::Bold, m_m.body, 1);
        if (!c->email.empty()) fittedLine(c->email, Face::Bold, m_m.body, 1);
        fittedLine(format("contact_hours", {{"{hours}", text(c->hours)}}), Face::Regular, m_m.body, 1);
        paragraph(label("not_for_emergencies"), Face::Regular, m_m.body, 0, kEmergency, m_m.body * 0.5f);
    }
    if (!r.onlineUrl.empty()) {
        paragraph(label("report_online") + ":", Face::Regular, m_m.body, 0, kBlack, 1);
        fittedLine(r.onlineUrl, Face::Bold, m_m.body, m_m.body * 0.5f);
    }
    m_y -= m_m.body;
    heading(label("my_contacts"), 2);
    const float split = m_left + contentWidth() * 0.6f;
    const float lh = m_m.small * m_m.leading;
    ensure(lh);
    m_w.drawText(label("contact_name"), Face::Bold, m_m.small, m_left, m_y - lh);
    m_w.drawText(label("contact_phone"), Face::Bold, m_m.small, split + 6, m_y - lh);
    m_y -= lh;
    const float gap = m_m.body * 2.2f;
    for (int i = 0; i < 8 && m_y - gap >= m_bottom; ++i) {
        m_y -= gap;
        m_w.hLine(m_left, split - 6, m_y, 0.5f, kRule);
        m_w.hLine(split + 6, m_right, m_y, 0.5f, kRule);
    }
}

void PackLayout::footers() {
    const auto& pages = m_w.pages();
    const std::string total = std::to_string(pages.size());
    const float width = contentWidth();
    // The full name on one line: shrink until it fits, never cut.
    float nameSize = m_m.footerName;
    for (float w = m_w.measure(m_req.candidateName, Face::Bold, nameSize); w > width;
         w = m_w.measure(m_req.candidateName, Face::Bold, nameSize))
        nameSize *= std::max(0.5f, width / w * 0.995f);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        m_w.setPage(pages[i]);
        std::string info = format("footer_page", {{"{n}", std::to_string(i + 1)}, {"{total}", total}});
        if (!m_req.lawAsAt.empty()) info += "  \u00B7  " + format("footer_law", {{"{date}", m_req.lawAsAt}});
        if (!m_req.verificationCode.empty())
            info += "  \u00B7  " + format("footer_code", {{"{code}", m_req.verificationCode}});
        float infoSize = m_m.footerInfo;
        for (float w = m_w.measure(info, Face::Regular, infoSize); w > width;
             w = m_w.measure(info, Face::Regular, infoSize))
            infoSize *= std::max(0.5f, width / w * 0.995f);
        m_w.hLine(m_left, m_right, m_footerTop, 0.5f, kRule);
        const float nameY = m_footerTop - 4 - m_m.footerName;
        m_w.drawText(m_req.candidateName, Face::Bold, nameSize, m_left, nameY);
        m_w.drawText(info, Face::Regular, infoSize, m_left, nameY - m_m.footerInfo * m_m.leading - 1, kGrey);
    }
}

}  // namespace print::detail
