// Real packs checked with qpdf and poppler: structure, embedded fonts, the name on every page, impartiality.
// Layer: tests (print).
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "fixtures.hpp"
#include "print/pack.hpp"

namespace fs = std::filesystem;
using namespace print;

namespace {

struct CommandResult {
    int status = -1;
    std::string out;
};

CommandResult run(const std::string& cmd) {
    CommandResult r;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");  // poppler warns on stderr about libharu's ToUnicode CMap
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    r.status = pclose(p);
    return r;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "bk-print-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

const PackRenderer& renderer() {
    static const PackRenderer kRenderer(findPackAssets());
    return kRenderer;
}

int pageCount(const fs::path& pdf) {
    auto r = run("pdfinfo '" + pdf.string() + "'");
    REQUIRE(r.status == 0);
    auto pos = r.out.find("Pages:");
    REQUIRE(pos != std::string::npos);
    return std::stoi(r.out.substr(pos + 6));
}

std::string pageText(const fs::path& pdf, int page) {
    auto r = run("pdftotext -q -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                 pdf.string() + "' -");
    REQUIRE(r.status == 0);
    return r.out;
}

// Pages as extracted text, with every personal value replaced by a marker and white space collapsed.
std::string impersonalText(const fs::path& pdf, const PackRequest& req) {
    auto r = run("pdftotext -q -enc UTF-8 '" + pdf.string() + "' -");
    REQUIRE(r.status == 0);
    std::string text = r.out;
    std::vector<std::string> personal = {req.candidateName, req.constituency, req.verificationCode};
    for (const auto* o : {&req.plan.canvassingPartner, &req.plan.whoKnowsWhereIAm, &req.plan.checkInTimes,
                          &req.plan.onlineLockdown, &req.plan.notes})
        if (*o) personal.push_back(**o);
    std::sort(personal.begin(), personal.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
    std::string collapsed;
    for (char c : text) {
        if (c == '\n' || c == '\f' || c == ' ') {
            if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
        } else {
            collapsed += c;
        }
    }
    for (const auto& p : personal)
        for (auto pos = collapsed.find(p); pos != std::string::npos; pos = collapsed.find(p, pos))
            collapsed.replace(pos, p.size(), "<personal>");
    return collapsed;
}

}  // namespace

TEST_CASE("packs pass qpdf --check, embed every font and show the name on every page", "[print]") {
    TempDir dir;
    for (const auto& name : testing::hardNames()) {
        for (auto lang : {PackLanguage::English, PackLanguage::Welsh}) {
            auto req = testing::sampleRequest(name, lang);
            const fs::path pdf = dir.path / "pack.pdf";
            renderer().writeFile(req, pdf);
            INFO(name);
            auto check = run("qpdf --check '" + pdf.string() + "' 2>&1");
            CHECK(check.status == 0);
            CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
            auto fonts = run("pdffonts '" + pdf.string() + "'");
            REQUIRE(fonts.status == 0);
            // Lines after the two header lines: the "emb" column must say yes for every font.
            std::istringstream lines(fonts.out);
            std::string line;
            int fontRows = 0;
            for (int i = 0; std::getline(lines, line); ++i) {
                if (i < 2 || line.empty()) continue;
                ++fontRows;
                CHECK(line.find(" yes ") != std::string::npos);
                CHECK(line.find("BriefingSans") != std::string::npos);
            }
            CHECK(fontRows == 2);
            const int pages = pageCount(pdf);
            CHECK(pages >= 7);
            for (int p = 1; p <= pages; ++p) {
                INFO("page " << p);
                CHECK(pageText(pdf, p).find(name) != std::string::npos);
            }
        }
    }
}

TEST_CASE("two candidates' packs differ only in their personal fields", "[print]") {
    TempDir dir;
    for (auto lang : {PackLanguage::English, PackLanguage::Welsh, PackLanguage::Bilingual}) {
        auto a = testing::sampleRequest("Siân Gwenllian", lang);
        auto b = testing::sampleRequest("Zbigniew Łukasz Wróbel", lang);
        b.plan.notes = "Ring Dafydd if the meeting overruns";
        a.plan.notes = "Park by the library";
        renderer().writeFile(a, dir.path / "a.pdf");
        renderer().writeFile(b, dir.path / "b.pdf");
        const auto ta = impersonalText(dir.path / "a.pdf", a);
        const auto tb = impersonalText(dir.path / "b.pdf", b);
        CHECK(ta.find("Siân") == std::string::npos);
        CHECK(ta.size() > 2000);
        CHECK(ta == tb);
        CHECK(pageCount(dir.path / "a.pdf") == pageCount(dir.path / "b.pdf"));
    }
}

TEST_CASE("a 300-character name and constituency appear in full", "[print]") {
    TempDir dir;
    std::string name;
    while (name.size() < 300) name += "Wolfeschlegelsteinhausenbergerdorff-Ŵyn ";
    name.pop_back();
    auto req = testing::sampleRequest(name);
    req.constituency = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" + name;
    req.largePrint = true;
    renderer().writeFile(req, dir.path / "long.pdf");
    const int pages = pageCount(dir.path / "long.pdf");
    for (int p = 1; p <= pages; ++p) {
        // pdftotext puts each drawn line on its own line; the footer's name is drawn on one line.
        std::string text = pageText(dir.path / "long.pdf", p);
        INFO("page " << p);
        CHECK(text.find(name) != std::string::npos);
    }
    // The cover wraps the constituency: all its words survive in order.
    std::string cover = pageText(dir.path / "long.pdf", 1);
    std::string flat;
    for (char c : cover) flat += (c == '\n') ? ' ' : c;
    CHECK(flat.find("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch") != std::string::npos);
}

TEST_CASE("large print uses body text of at least 14 pt", "[print]") {
    TempDir dir;
    auto req = testing::sampleRequest("Siân Gwenllian");
    req.largePrint = true;
    renderer().writeFile(req, dir.path / "large.pdf");
    // pdftotext -bbox gives each word's box; body words of the first module are at least 14 pt tall.
    auto r = run("pdftotext -q -bbox -f 3 -l 3 '" + (dir.path / "large.pdf").string() + "' -");
    REQUIRE(r.status == 0);
    auto pos = r.out.find(">charged.<");
    REQUIRE(pos != std::string::npos);
    auto start = r.out.rfind("<word", pos);
    float yMin = 0, yMax = 0;
    REQUIRE(std::sscanf(r.out.c_str() + r.out.find("yMin=\"", start), "yMin=\"%f\"", &yMin) == 1);
    REQUIRE(std::sscanf(r.out.c_str() + r.out.find("yMax=\"", start), "yMax=\"%f\"", &yMax) == 1);
    CHECK(yMax - yMin >= 14.0f);
}

TEST_CASE("renderPack refuses characters it cannot print, naming the field", "[print]") {
    auto req = testing::sampleRequest("سارة أحمد");
    CHECK_THROWS_WITH(renderer().render(req),
                      Catch::Contains("candidate name") && Catch::Contains("U+0633") &&
                          Catch::Contains("transliteration"));
    auto hebrew = testing::sampleRequest("Siân Gwenllian");
    hebrew.constituency = "דוד";
    CHECK_THROWS_WITH(renderer().render(hebrew), Catch::Contains("constituency"));
    auto emoji = testing::sampleRequest("Siân 😀");
    CHECK_THROWS_WITH(renderer().render(emoji), Catch::Contains("U+1F600"));
    auto empty = testing::sampleRequest("   ");
    CHECK_THROWS_AS(renderer().render(empty), PackError);
}

TEST_CASE("decomposed input is normalised to NFC before printing", "[print]") {
    // "Siân" typed with a combining circumflex prints as the precomposed â.
    TempDir dir;
    auto req = testing::sampleRequest("Sia\xCC\x82n Gwenllian");
    renderer().writeFile(req, dir.path / "nfc.pdf");
    CHECK(pageText(dir.path / "nfc.pdf", 1).find("Siân Gwenllian") != std::string::npos);
}

TEST_CASE("writeFile replaces the target atomically and leaves no temporary file", "[print]") {
    TempDir dir;
    const fs::path pdf = dir.path / "pack.pdf";
    { std::ofstream(pdf) << "old"; }
    renderer().writeFile(testing::sampleRequest("O'Brien-Smith"), pdf);
    std::ifstream in(pdf, std::ios::binary);
    std::string head(5, '\0');
    in.read(head.data(), 5);
    CHECK(head == "%PDF-");
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
    CHECK(files == 1);
    // A refused request leaves the old file untouched.
    renderer().writeFile(testing::sampleRequest("Ελένη"), pdf);
    const auto size = fs::file_size(pdf);
    CHECK_THROWS_AS(renderer().writeFile(testing::sampleRequest("שרה"), pdf), PackError);
    CHECK(fs::file_size(pdf) == size);
}

TEST_CASE("document info and outline are in UTF-8", "[print]") {
    TempDir dir;
    renderer().writeFile(testing::sampleRequest("Llŷr Ŵyn", PackLanguage::Welsh), dir.path / "cy.pdf");
    auto info = run("pdfinfo -enc UTF-8 '" + (dir.path / "cy.pdf").string() + "'");
    CHECK(info.out.find("Pecyn diogelwch personol") != std::string::npos);
    CHECK(info.out.find("Heddlu Demoshire") != std::string::npos);
    CHECK(info.out.find("Llŷr") == std::string::npos);  // metadata names no candidate
    auto qpdf = run("qpdf --qdf --object-streams=disable '" + (dir.path / "cy.pdf").string() + "' -");
    CHECK(qpdf.out.find("/Lang (cy)") != std::string::npos);
    CHECK(qpdf.out.find("/Outlines") != std::string::npos);
}

TEST_CASE("the force logo is drawn on the cover and a broken logo is a clear error", "[print]") {
    // A 16x8 RGB PNG (red and white stripes).
    static const unsigned char kPng[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x10, 0x00, 0x00, 0x00, 0x08, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7f, 0x14, 0xe8, 0xc0, 0x00, 0x00, 0x00,
        0x23, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0x0f, 0x06, 0x27, 0xe4, 0xe4, 0x80, 0x88, 0x18, 0x36,
        0x03, 0x49, 0xaa, 0x81, 0x0c, 0x06, 0x92, 0x54, 0x43, 0x35, 0x90, 0xe4, 0x2a, 0x86, 0x61, 0xe0, 0x07, 0x00,
        0x68, 0x84, 0x00, 0x50, 0x0e, 0x83, 0xe6, 0xaf, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
        0x60, 0x82};
    TempDir dir;
    const fs::path logo = dir.path / "logo.png";
    std::ofstream(logo, std::ios::binary).write(reinterpret_cast<const char*>(kPng), sizeof kPng);
    auto req = testing::sampleRequest("Наталья");
    req.force.logo = logo;
    renderer().writeFile(req, dir.path / "logo.pdf");
    auto images = run("pdfimages -list '" + (dir.path / "logo.pdf").string() + "'");
    REQUIRE(images.status == 0);
    CHECK(images.out.find("   16     8  rgb") != std::string::npos);
    CHECK(run("qpdf --check '" + (dir.path / "logo.pdf").string() + "'").status == 0);
    std::ofstream(logo, std::ios::binary) << "not a png";
    CHECK_THROWS_WITH(renderer().render(req), Catch::Contains("logo"));
}

TEST_CASE("the outline has one entry per section, titled in UTF-8", "[print]") {
    TempDir dir;
    auto req = testing::sampleRequest("Llŷr Ŵyn", PackLanguage::Welsh);
    renderer().writeFile(req, dir.path / "cy.pdf");
    auto json = run("qpdf --json --json-key=outlines '" + (dir.path / "cy.pdf").string() + "'");
    REQUIRE(json.status == 0);
    int entries = 0;
    for (auto pos = json.out.find("\"title\""); pos != std::string::npos; pos = json.out.find("\"title\"", pos + 1))
        ++entries;
    // Cover, quick reference, two modules, plan, incident log, contacts.
    CHECK(entries == 7);
    CHECK(json.out.find("Cerdyn cyfeirio cyflym") != std::string::npos);
    CHECK(json.out.find("Cadw'n ddiogel wrth ganfasio") != std::string::npos);
    CHECK(json.out.find("Log digwyddiadau") != std::string::npos);
}

TEST_CASE("course text the pack cannot print is refused naming the module", "[print]") {
    auto req = testing::sampleRequest("Siân Gwenllian");
    req.modules[1].blocks.push_back(content::Paragraph{{content::Span{"مرحبا", false, false, {}}}, {12, 1}});
    req.modules[1].file = "modules/online-abuse.en-GB.md";
    CHECK_THROWS_WITH(renderer().render(req), Catch::Contains("module online-abuse (modules/online-abuse.en-GB.md):12") &&
                                                  Catch::Contains("U+0645"));
    auto lone = testing::sampleRequest("Siân Gwenllian");
    lone.modules[0].title = "Cafe\xCC\x81";  // decomposed é: course text is printed as given, so refused
    CHECK_THROWS_WITH(renderer().render(lone), Catch::Contains("U+0301"));
}

TEST_CASE("Letter paper, and a pack without the safety plan shows none of its answers", "[print]") {
    TempDir dir;
    auto req = testing::sampleRequest("Ελένη");
    req.paper = Paper::Letter;
    req.includePlan = false;
    renderer().writeFile(req, dir.path / "letter.pdf");
    auto info = run("pdfinfo '" + (dir.path / "letter.pdf").string() + "'");
    CHECK(info.out.find("612 x 792 pts (letter)") != std::string::npos);
    auto text = run("pdftotext -q -enc UTF-8 '" + (dir.path / "letter.pdf").string() + "' -").out;
    CHECK(text.find(*req.plan.canvassingPartner) == std::string::npos);
    CHECK(text.find("My personal safety plan") == std::string::npos);
    CHECK(text.find("Incident log") != std::string::npos);
    auto a4 = testing::sampleRequest("Ελένη");
    renderer().writeFile(a4, dir.path / "a4.pdf");
    CHECK(run("pdfinfo '" + (dir.path / "a4.pdf").string() + "'").out.find("(A4)") != std::string::npos);
    CHECK(pageCount(dir.path / "a4.pdf") == pageCount(dir.path / "letter.pdf") + 1);
}

TEST_CASE("long safety-plan answers and a huge table cell flow onto further pages, nothing lost", "[print]") {
    TempDir dir;
    auto req = testing::sampleRequest("O'Brien-Smith");
    req.largePrint = true;
    std::string answer;
    for (int i = 0; i < 60; ++i) answer += "Ring Dafydd at the office number " + std::to_string(i) + ". ";
    answer.pop_back();
    req.plan.canvassingPartner = answer;
    std::string cell;
    for (int i = 0; i < 400; ++i) cell += "cell" + std::to_string(i) + " ";
    cell.pop_back();
    req.modules[0].blocks.push_back(content::Table{{{content::Span{"Head", false, false, {}}}},
                                                   {{{content::Span{cell, false, false, {}}}}}, {}});
    renderer().writeFile(req, dir.path / "long.pdf");
    CHECK(run("qpdf --check '" + (dir.path / "long.pdf").string() + "' 2>&1").status == 0);
    std::string text = run("pdftotext -q -enc UTF-8 '" + (dir.path / "long.pdf").string() + "' -").out;
    std::string flat;
    for (char c : text) {
        const char d = (c == '\n' || c == '\f') ? ' ' : c;
        if (d == ' ' && !flat.empty() && flat.back() == ' ') continue;
        flat += d;
    }
    CHECK(flat.find("office number 59.") != std::string::npos);
    CHECK(flat.find("cell0 cell1") != std::string::npos);
    CHECK(flat.find("cell398 cell399") != std::string::npos);
    // Every page still has the footer with the name.
    for (int p = 1; p <= pageCount(dir.path / "long.pdf"); ++p) CHECK(pageText(dir.path / "long.pdf", p).find("O'Brien-Smith") != std::string::npos);
}

TEST_CASE("rendering is deterministic and safe from two threads at once", "[print]") {
    const auto req = testing::sampleRequest("Nguyễn Thị Ánh", PackLanguage::Welsh);
    const auto reference = renderer().render(req);
    CHECK(renderer().render(req) == reference);
    std::vector<std::vector<unsigned char>> results(8);
    std::thread other([&] {
        for (int i = 0; i < 4; ++i) results[i] = renderer().render(req);
    });
    for (int i = 4; i < 8; ++i) results[i] = renderer().render(req);
    other.join();
    for (const auto& r : results) CHECK(r == reference);
}
