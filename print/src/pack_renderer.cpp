// PackRenderer: validates a PackRequest, renders it through PackLayout, writes files atomically.
// Layer: print.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack_layout.hpp"
#include "pack_strings.hpp"
#include "content/text.hpp"
#include "print/font_coverage.hpp"
#include "print/pack.hpp"

namespace print {
namespace {

namespace fs = std::filesystem;

// Refuses text we cannot print faithfully, naming the field: the kiosk asks for a transliteration instead.
void requirePrintable(const std::string& text, const std::string& field) {
    if (!content::text::isValidUtf8(text)) throw PackError(field + " is not valid UTF-8");
    const auto bad = unsupportedCharacters(text);
    if (!bad.empty())
        throw PackError(field + " contains characters the pack cannot print: " + describeCodePoints(bad) +
                        "; enter a Latin transliteration");
}

// Course and force text is drawn as given (not normalised here), so its code points are checked as they are.
// This runs on every pack: decode and look up, no allocation beyond the error message.
void requireAsIs(std::string_view text, const std::string& field) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = 0;
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > text.size()) throw PackError(field + " is not valid UTF-8");
        cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) throw PackError(field + " is not valid UTF-8");
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!isPrintable(cp)) {
            if (!content::text::isValidUtf8(text)) throw PackError(field + " is not valid UTF-8");
            throw PackError(field + " contains characters the pack cannot print: " + describeCodePoints({cp}));
        }
        i += n;
    }
}

void requireInlines(const content::Inlines& spans, const std::string& field) {
    for (const auto& s : spans) {
        requireAsIs(s.text, field);
        requireAsIs(s.link, field);
    }
}

void requireModule(const content::Module& m) {
    const std::string where = "module " + m.id + (m.file.empty() ? "" : " (" + m.file + ")");
    requireAsIs(m.title, where + " title");
    requireAsIs(m.summary, where + " summary");
    for (const auto& b : m.blocks) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                const std::string at = where + ":" + std::to_string(v.pos.line);
                if constexpr (std::is_same_v<T, content::Heading> || std::is_same_v<T, content::Paragraph>) {
                    requireInlines(v.text, at);
                } else if constexpr (std::is_same_v<T, content::List>) {
                    for (const auto& i : v.items) requireInlines(i, at);
                } else if constexpr (std::is_same_v<T, content::Callout>) {
                    requireInlines(v.title, at);
                    for (const auto& p : v.paragraphs) requireInlines(p, at);
                } else if constexpr (std::is_same_v<T, content::Table>) {
                    for (const auto& c : v.header) requireInlines(c, at);
                    for (const auto& r : v.rows)
                        for (const auto& c : r) requireInlines(c, at);
                } else if constexpr (std::is_same_v<T, content::KnowledgeCheck>) {
                    requireInlines(v.question, at);
                    for (const auto& o : v.options) requireInlines(o, at);
                    for (const auto& o : v.feedback) requireInlines(o, at);
                    for (const auto& e : v.explanation) requireInlines(e, at);
                } else if constexpr (std::is_same_v<T, content::Scenario>) {
                    requireInlines(v.situation, at);
                    requireInlines(v.law, at);
                    for (const auto& e : v.explanation) requireInlines(e, at);
                }
            },
            b);
    }
}

// One-line fields: the same sanitising as check-in (NFC, controls stripped, spaces collapsed, trimmed),
// then without the zero-width joiners check-in keeps inside words: libharu does not shape, so they would
// only print as boxes.
std::string personalLine(const std::string& value, const std::string& field) {
    if (!content::text::isValidUtf8(value)) throw PackError(field + " is not valid UTF-8");
    std::string line = content::text::withoutJoiners(content::text::sanitiseLine(value).value);
    requirePrintable(line, field);
    return line;
}

void normalise(PackRequest& r) {
    r.candidateName = personalLine(r.candidateName, "candidate name");
    if (!content::text::hasVisibleCharacter(r.candidateName)) throw PackError("candidate name is empty");
    r.constituency = personalLine(r.constituency, "constituency");
    r.briefingDate = personalLine(r.briefingDate, "briefing date");
    r.officer = personalLine(r.officer, "officer");
    r.verificationCode = personalLine(r.verificationCode, "verification code");
    r.lawAsAt = personalLine(r.lawAsAt, "law-as-at date");
    r.courseVersion = personalLine(r.courseVersion, "course version");
    auto opt = [](std::optional<std::string>& v, const char* field) {
        if (v) v = personalLine(*v, std::string("safety plan: ") + field);
    };
    opt(r.plan.canvassingPartner, "canvassing partner");
    opt(r.plan.whoKnowsWhereIAm, "who knows where I am");
    opt(r.plan.checkInTimes, "check-in times");
    opt(r.plan.onlineLockdown, "online lock-down");
    if (r.plan.notes) {
        // Free notes keep their paragraphs: each line is sanitised on its own.
        if (!content::text::isValidUtf8(*r.plan.notes)) throw PackError("safety plan: notes is not valid UTF-8");
        std::string notes;
        std::string_view rest = *r.plan.notes;
        while (true) {
            const auto nl = rest.find('\n');
            std::string line = content::text::withoutJoiners(content::text::sanitiseLine(rest.substr(0, nl)).value);
            if (!line.empty()) notes += (notes.empty() ? "" : "\n") + line;
            if (nl == std::string_view::npos) break;
            rest.remove_prefix(nl + 1);
        }
        requirePrintable(notes, "safety plan: notes");
        r.plan.notes = notes;
    }
    const auto& f = r.force;
    for (const auto& [key, field] : content::textFields(f))
        for (const auto* s : {&field->en, &field->cy}) requireAsIs(*s, "force profile " + f.id + ": " + key);
    for (const auto* s : {&f.spoc.phone, &f.spoc.email, &f.feoa.phone, &f.feoa.email, &f.reporting.emergency,
                          &f.reporting.nonEmergency, &f.reporting.textRelayEmergency, &f.reporting.textRelayNonEmergency,
                          &f.reporting.onlineUrl, &f.reporting.emergencySms})
        requireAsIs(*s, "force profile " + f.id);
    for (const auto& m : r.modules) requireModule(m);
}

}  // namespace

PackRenderer::PackRenderer(PackAssets assets) : m_assets(std::move(assets)) {
    for (const auto* p : {&m_assets.regularFont, &m_assets.boldFont})
        if (!fs::is_regular_file(*p)) throw PackError("font not found: " + p->string());
    m_strings = std::make_unique<const PackStrings>(loadPackStrings(m_assets.strings));
}

PackRenderer::~PackRenderer() = default;
PackRenderer::PackRenderer(PackRenderer&&) noexcept = default;
PackRenderer& PackRenderer::operator=(PackRenderer&&) noexcept = default;

std::vector<unsigned char> PackRenderer::render(const PackRequest& request) const {
    PackRequest r = request;
    normalise(r);
    const bool letter = r.paper == Paper::Letter;
    detail::PdfWriter writer(m_assets.regularFont.string(), m_assets.boldFont.string(), letter ? 612.0f : 595.28f,
                             letter ? 792.0f : 841.89f);
    const bool cy = r.language == PackLanguage::Welsh;
    const auto& labels = cy ? m_strings->cy : m_strings->en;
    HPDF_Doc doc = writer.doc();
    std::string title = labels.at("title");
    std::string subject = labels.at("subject");
    std::string author = r.force.name.in(cy ? "cy" : "en");
    if (r.language == PackLanguage::Bilingual) {
        title = m_strings->cy.at("title") + " / " + title;
        subject = m_strings->cy.at("subject") + " / " + subject;
        author = r.force.name.cy + " / " + r.force.name.en;
    }
    // Info strings go through the current (UTF-8) encoder; they name no candidate (PDF metadata travels).
    writer.check(HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title.c_str()), "HPDF_SetInfoAttr(Title)");
    writer.check(HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, author.c_str()), "HPDF_SetInfoAttr(Author)");
    writer.check(HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, subject.c_str()), "HPDF_SetInfoAttr(Subject)");
    writer.check(HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Briefing Kiosk"), "HPDF_SetInfoAttr(Creator)");
    // libharu 2.3.0 has no call for the catalog's /Lang: add it through its object API.
    const std::string lang = r.language == PackLanguage::English ? "en-GB" : "cy";
    HPDF_String langValue = writer.checkHandle(HPDF_String_New(doc->mmgr, lang.c_str(), nullptr), "HPDF_String_New");
    writer.check(HPDF_Dict_Add(doc->catalog, "Lang", langValue), "setting the document language");
    writer.check(HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE), "HPDF_SetPageMode");
    detail::PackLayout layout(writer, r, *m_strings);
    layout.build();
    return writer.save();
}

void PackRenderer::writeFile(const PackRequest& request, const fs::path& path) const {
    writeFileAtomically(path, render(request));
}

void writeFileAtomically(const fs::path& path, const std::vector<unsigned char>& bytes) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) {
        const int err = errno;
        throw PackWriteError("cannot create a temporary file in " + dir.string() + ": " + std::strerror(err), err);
    }
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (!err && ::fchmod(fd, 0600) != 0) err = errno;
    if (!err && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && !err) err = errno;
    if (!err && std::rename(tmpl.c_str(), path.c_str()) != 0) err = errno;
    if (err) {
        ::unlink(tmpl.c_str());
        throw PackWriteError("cannot write " + path.string() + ": " + std::strerror(err), err);
    }
}

int removePackTemporaries(const fs::path& folder, const std::string& fileName) {
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // ".<file>.XXXXXX": mkstemp's six characters after the target's own name.
        if (name.size() < 9 || name[0] != '.' || name[name.size() - 7] != '.') continue;
        const std::string target = name.substr(1, name.size() - 8);
        const bool ours = fileName.empty() ? target.size() > 4 && target.compare(target.size() - 4, 4, ".pdf") == 0
                                           : target == fileName;
        std::error_code statEc;
        if (!ours || !it->is_regular_file(statEc)) continue;
        if (fs::remove(it->path(), statEc)) ++removed;
    }
    return removed;
}

PackAssets packAssets(const content::Resources& resources) {
    PackAssets a{resources.assets / "fonts" / "BriefingSans.ttf", resources.assets / "fonts" / "BriefingSans-Bold.ttf",
                 resources.packStrings};
    for (const auto& f : {a.regularFont, a.boldFont, a.strings}) {
        std::error_code ec;
        if (!fs::is_regular_file(f, ec)) throw PackError("pack asset " + f.string() + " not found");
    }
    return a;
}

PackAssets findPackAssets(const fs::path& executableDir) {
    try {
        return packAssets(content::locateResources(executableDir.empty() ? content::executableDir() : executableDir));
    } catch (const content::ResourceError& e) {
        throw PackError(e.what());
    }
}

std::vector<unsigned char> renderPack(const PackRequest& request) {
    return PackRenderer(findPackAssets()).render(request);
}

void writePackFile(const PackRequest& request, const fs::path& path) {
    PackRenderer(findPackAssets()).writeFile(request, path);
}

}  // namespace print
