// Page layout of the guidance modules: headings, paragraphs, lists, callouts, tables, knowledge checks and
// scenarios from the shared document model. Layer: print (internal).
#include <algorithm>

#include "pack_layout.hpp"

namespace print::detail {

void PackLayout::module(const content::Module& m) {
    startSection(m.title);
    heading(m.title, 1);
    if (!m.summary.empty()) paragraph(m.summary, Face::Italic, m_m.body, 0, kGrey);
    for (const auto& b : m.blocks) block(b);
}

void PackLayout::block(const content::Block& b) {
    if (const auto* h = std::get_if<content::Heading>(&b)) {
        heading(content::plainText(h->text), std::max(2, h->level));
    } else if (const auto* p = std::get_if<content::Paragraph>(&b)) {
        paragraph(toRuns(p->text), m_m.body);
    } else if (const auto* l = std::get_if<content::List>(&b)) {
        int n = 0;
        const float indent = m_m.body * 1.6f;
        for (const auto& item : l->items) {
            ++n;
            const std::string marker = l->ordered ? std::to_string(n) + "." : "\u2022";
            const float lh = m_m.body * m_m.leading;
            ensure(lh);
            m_w.drawText(marker, Face::Regular, m_m.body, m_left + m_m.body * 0.3f,
                         m_y - lh + (lh - m_m.body) * 0.5f + m_m.body * 0.2f);
            paragraph(toRuns(item), m_m.body, indent, kBlack, m_m.body * 0.25f);
        }
        m_y -= m_m.body * 0.4f;
    } else if (const auto* c = std::get_if<content::Callout>(&b)) {
        callout(*c);
    } else if (const auto* t = std::get_if<content::Table>(&b)) {
        table(*t);
    } else if (const auto* k = std::get_if<content::KnowledgeCheck>(&b)) {
        knowledgeCheck(*k);
    } else if (const auto* s = std::get_if<content::Scenario>(&b)) {
        scenario(*s);
    }
}

void PackLayout::callout(const content::Callout& c) {
    const char* key = c.kind == content::CalloutKind::Emergency   ? "callout_emergency"
                      : c.kind == content::CalloutKind::Important ? "callout_important"
                                                                  : "callout_tip";
    const Rgb colour = c.kind == content::CalloutKind::Emergency ? kEmergency : m_accent;
    const float pad = m_m.body * 0.7f;
    const float bar = 4;
    const float inner = contentWidth() - 2 * pad - bar;
    std::string title = label(key);
    if (!c.title.empty()) title += ": " + content::plainText(c.title);
    // Measure first so the box can be drawn behind the text; a callout taller than a page flows without a box.
    const float lh = m_m.body * m_m.leading;
    float height = 2 * pad + m_w.wrap({{title, Face::Bold, 0}}, inner, m_m.body).size() * lh + m_m.body * 0.3f;
    for (const auto& p : c.paragraphs) height += m_w.wrap(toRuns(p), inner, m_m.body).size() * lh + m_m.body * 0.3f;
    const bool boxed = height < (m_top - m_bottom) * 0.9f;
    if (boxed) {
        ensure(height + m_m.body * 0.5f);
        m_w.fillRect(m_left, m_y - height, contentWidth(), height, lighten(colour, 0.9f));
        m_w.fillRect(m_left, m_y - height, bar, height, colour);
    }
    const float saveLeft = m_left;
    const float saveRight = m_right;
    const float startY = m_y;
    m_left += bar + pad;
    m_right -= pad;
    m_y -= pad;
    paragraph(title, Face::Bold, m_m.body, 0, colour, m_m.body * 0.3f);
    for (const auto& p : c.paragraphs) paragraph(toRuns(p), m_m.body, 0, kBlack, m_m.body * 0.3f);
    m_left = saveLeft;
    m_right = saveRight;
    m_y = boxed ? startY - height - m_m.body * 0.8f : m_y - m_m.body * 0.8f;
}

void PackLayout::table(const content::Table& t) {
    std::size_t cols = t.header.size();
    for (const auto& r : t.rows) cols = std::max(cols, r.size());
    if (cols == 0) return;
    const float size = m_m.body * 0.95f;
    const float lh = size * m_m.leading;
    const float pad = 4;
    const float colW = contentWidth() / static_cast<float>(cols);
    auto drawRow = [&](const std::vector<content::Inlines>& cells, bool header) {
        std::vector<std::vector<Line>> wrapped(cols);
        std::size_t maxLines = 1;
        for (std::size_t i = 0; i < cols; ++i) {
            const content::Inlines empty;
            const auto& cell = i < cells.size() ? cells[i] : empty;
            wrapped[i] = m_w.wrap(toRuns(cell, header ? Face::Bold : Face::Regular), colW - 2 * pad, size);
            maxLines = std::max(maxLines, wrapped[i].size());
        }
        const float h = maxLines * lh + 2 * pad;
        if (h > m_top - m_bottom) {
            // A row taller than a page cannot be boxed: flow it as "header: cell" paragraphs instead.
            for (std::size_t i = 0; i < cols; ++i) {
                std::vector<Run> runs;
                if (!header && i < t.header.size())
                    runs.push_back({content::plainText(t.header[i]) + ": ", Face::Bold, 0});
                if (i < cells.size())
                    for (auto& r : toRuns(cells[i], header ? Face::Bold : Face::Regular)) runs.push_back(r);
                paragraph(runs, size, 0, kBlack, 2);
            }
            m_y -= size * 0.6f;
            return;
        }
        ensure(h);
        if (header) m_w.fillRect(m_left, m_y - h, contentWidth(), h, lighten(m_accent, 0.85f));
        for (std::size_t i = 0; i < cols; ++i) {
            float y = m_y - pad;
            for (const auto& line : wrapped[i]) {
                y -= lh;
                m_w.drawLine(line, m_left + i * colW + pad, y + (lh - size) * 0.5f + size * 0.2f, size);
            }
            m_w.strokeRect(m_left + i * colW, m_y - h, colW, h, 0.5f, kRule);
        }
        m_y -= h;
    };
    if (!t.header.empty()) drawRow(t.header, true);
    for (const auto& r : t.rows) drawRow(r, false);
    m_y -= m_m.body * 0.8f;
}

void PackLayout::knowledgeCheck(const content::KnowledgeCheck& k) {
    ensure(m_m.body * m_m.leading * 4);
    paragraph(label("knowledge_check"), Face::Bold, m_m.small, 0, m_accent, 2);
    paragraph(toRuns(k.question, Face::Bold), m_m.body);
    for (std::size_t i = 0; i < k.options.size(); ++i) {
        const bool correct = static_cast<int>(i) == k.correct;
        std::vector<Run> runs{{std::string(correct ? "\u2713 " : "    ") + char('a' + i) + ") ",
                               correct ? Face::Bold : Face::Regular, 0}};
        for (auto& r : toRuns(k.options[i], correct ? Face::Bold : Face::Regular)) runs.push_back(r);
        paragraph(runs, m_m.body, m_m.body, kBlack, 2);
    }
    m_y -= m_m.body * 0.3f;
    if (k.correct >= 0 && static_cast<std::size_t>(k.correct) < k.options.size()) {
        std::vector<Run> runs{{label("answer") + ": " + char('a' + k.correct) + ") ", Face::Bold, 0}};
        for (auto& r : toRuns(k.options[k.correct], Face::Bold)) runs.push_back(r);
        paragraph(runs, m_m.body, 0, m_accent, 2);
    }
    for (const auto& e : k.explanation) paragraph(toRuns(e), m_m.body);
    // Why each wrong option is wrong, in the order the candidate saw them.
    for (std::size_t i = 0; i < k.options.size() && i < k.feedback.size(); ++i) {
        if (static_cast<int>(i) == k.correct || k.feedback[i].empty()) continue;
        std::vector<Run> runs{{label("why_wrong") + " " + char('a' + i) + ")? ", Face::Bold, 0}};
        for (auto& r : toRuns(k.feedback[i])) runs.push_back(r);
        paragraph(runs, m_m.body, m_m.body, kBlack, 2);
    }
    m_y -= m_m.body * 0.4f;
}

void PackLayout::scenario(const content::Scenario& s) {
    ensure(m_m.body * m_m.leading * 4);
    paragraph(label("scenario"), Face::Bold, m_m.small, 0, m_accent, 2);
    paragraph(toRuns(s.situation, Face::Italic), m_m.body);
    const char* key = s.verdict == content::Verdict::Crime      ? "verdict_crime"
                      : s.verdict == content::Verdict::NotCrime ? "verdict_not_crime"
                                                                : "verdict_depends";
    paragraph(label(key), Face::Bold, m_m.body, 0, s.verdict == content::Verdict::Crime ? kEmergency : kBlack);
    for (const auto& e : s.explanation) paragraph(toRuns(e), m_m.body);
    if (!s.law.empty()) {
        std::vector<Run> runs{{label("law") + ": ", Face::Bold, 0}};
        for (auto& r : toRuns(s.law)) runs.push_back(r);
        paragraph(runs, m_m.body);
    }
    m_y -= m_m.body * 0.4f;
}

}  // namespace print::detail
