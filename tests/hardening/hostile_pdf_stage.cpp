// The PDF stage of the hostile-string run: flow's printable check, the pack render and pdftotext's view of
// every page. Layer: tests/hardening.
#include "hostile_pdf_stage.hpp"

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "hostile_corpus.hpp"
#include "content/text.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/packs/packs.hpp"
#include "print/font_coverage.hpp"
#include "print/pack.hpp"
#include "temp_dir.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace hardening {
namespace {

namespace fs = std::filesystem;
namespace flow = kiosk::flow;

// Text with every kind of white space removed: the pack may wrap a long name anywhere, and pdftotext puts
// line ends (and no-break spaces) where the page has them.
std::string squashed(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

// What the check-in screen says about this name (constituency fine): None when it would commit. The name
// goes in as the screen's text box would hand it over: at most 1,023 bytes (kiosk/ui's buffer), cut at a
// character boundary. (flow's cleanTyping is quadratic in the length: 100,000 characters take ~30 s.)
flow::FieldProblem flowVerdict(std::string rawName) {
    constexpr std::size_t kBoxBytes = 1023;
    if (rawName.size() > kBoxBytes) {
        std::size_t cut = kBoxBytes;
        while (cut > 0 && (static_cast<unsigned char>(rawName[cut]) & 0xC0) == 0x80) --cut;
        rawName.resize(cut);
    }
    flow::Config config;
    config.printable = [](std::string_view text) { return print::unsupportedCharacters(text).empty(); };
    flow::State s = flow::initialState(config);
    s.screen = flow::CheckIn{};
    s = flow::reduce(std::move(s), flow::EditField{flow::Field::Name, rawName}).state;
    s = flow::reduce(std::move(s), flow::EditField{flow::Field::Constituency, "Hostile Ward"}).state;
    const auto step = flow::reduce(std::move(s), flow::ConfirmCheckIn{});
    const auto it = step.state.candidate.problems.find(flow::Field::Name);
    return it == step.state.candidate.problems.end() ? flow::FieldProblem::None : it->second;
}

// pdftotext's text of each page (pages end with a form feed), or nullopt when pdftotext fails.
// lastPage 0: every page.
std::optional<std::vector<std::string>> pageTexts(const std::vector<unsigned char>& pdf, const fs::path& dir,
                                                  int lastPage) {
    const fs::path in = dir / "pack.pdf", out = dir / "pack.txt";
    {
        std::ofstream f(in, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
    }
    // -raw: content-stream order and no de-hyphenation (the default layout drops a hyphen that ends a line).
    const std::string range = lastPage > 0 ? "-l " + std::to_string(lastPage) + " " : "";
    const std::string cmd = "pdftotext -q -raw " + range + "-enc UTF-8 '" + in.string() + "' '" + out.string() + "'";
    if (std::system(cmd.c_str()) != 0) return std::nullopt;
    std::ifstream f(out, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
        pages.push_back(text.substr(start, ff - start));
    return pages;
}

}  // namespace

PdfStageFigures runPdfStage(kiosk::records::Store& store, const std::vector<PdfCandidate>& candidates,
                            const char* executable, bool fullCourse) {
    PdfStageFigures fig;
    const auto start = std::chrono::steady_clock::now();
    auto fail = [&](const PdfCandidate& c, const std::string& why) {
        if (++fig.failures <= 20) std::cerr << "FAIL pdf [" << c.label << "] " << printable(c.rawName) << ": " << why << "\n";
    };
    const fs::path courseDir = fs::path(BK_SOURCE_DIR) / "content" / "course";
    content::Course course = content::loadCourse(courseDir);
    if (!fullCourse) {
        // One module per language: the name is drawn by the cover and the footers, which every page has.
        course.manifest.modules.resize(1);
        for (auto& [lang, modules] : course.modules) modules.resize(1);
    }
    const content::ForceProfile force = content::loadForceProfile(courseDir / "forces" / "demo.toml");
    const print::PackRenderer renderer(print::findPackAssets(fs::path(executable).parent_path()));
    records_test::TempDir tmp;

    for (const auto& c : candidates) {
        const auto record = store.subjectAccess(c.candidateId);
        const bool printableName = print::unsupportedCharacters(record.name).empty();
        const flow::FieldProblem verdict = flowVerdict(c.rawName);
        if (!printableName) {
            ++fig.unprintableNames;
            if (verdict != flow::FieldProblem::None) ++fig.refusedByFlow;
            else fail(c, "the check-in screen accepts a name the pack cannot print");
        } else if (verdict == flow::FieldProblem::Unprintable) {
            fail(c, "the check-in screen calls a printable name unprintable");
        }
        std::vector<unsigned char> pdf;
        try {
            pdf = renderer.render(kiosk::packs::buildPackRequest(record, course, force, kiosk::packs::PackOptions{}));
        } catch (const print::PackError& e) {
            const std::string msg = e.what();
            if (printableName) fail(c, "the pack refuses a printable name: " + msg);
            else if (msg.find("name") == std::string::npos) fail(c, "the refusal does not name the field: " + msg);
            else ++fig.refusedByRenderer;
            continue;
        }
        ++fig.packsRendered;
        const auto pages = pageTexts(pdf, tmp.path(), fullCourse ? 0 : 2);
        if (!pages || pages->empty()) {
            fail(c, "pdftotext could not read the pack");
            continue;
        }
        // The name in full on the cover (page 1) and in the footer of every page read (all with fullCourse,
        // else the cover and the first module page: pdftotext costs ~8 ms a page).
        // The renderer leaves out the zero-width joiners kept inside words (libharu does not shape).
        const std::string name = squashed(content::text::withoutJoiners(record.name));
        int missing = 0;
        for (const auto& page : *pages) {
            ++fig.pagesChecked;
            if (squashed(page).find(name) == std::string::npos) ++missing;
        }
        if (missing > 0) {
            ++fig.silentTruncations;
            fail(c, "name not found in full on " + std::to_string(missing) + " of " + std::to_string(pages->size()) +
                        " pages (stored as " + printable(record.name) + ")");
        }
    }
    fig.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return fig;
}

}  // namespace hardening
