// Tests of the module parser: the document model it builds, and hostile input. [content]
#include "course_fixture.hpp"

#include "content/module_parser.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace bktest;

namespace {

content::ModuleParse parse(std::string_view text) { return content::parseModule(text, "m.md", "en-GB"); }

const std::string kFront = "+++\nid = \"m\"\ntitle = \"T\"\nsummary = \"S\"\n+++\n";

template <typename T>
const T& blockAt(const content::Module& m, std::size_t i) {
    REQUIRE(i < m.blocks.size());
    REQUIRE(std::holds_alternative<T>(m.blocks[i]));
    return std::get<T>(m.blocks[i]);
}

}  // namespace

TEST_CASE("a module becomes headings, paragraphs with spans, lists, callouts, tables, checks and scenarios",
          "[content]") {
    const auto r = content::loadModuleFile(kFixtures / "clean" / "modules" / "reporting.en-GB.md", "en-GB");
    INFO(describe(r.diagnostics));
    REQUIRE(r.ok());
    const auto& m = r.module;
    CHECK(m.id == "reporting");
    CHECK(m.title == "How to report");
    CHECK(m.minutes == 5);
    CHECK(m.lang == "en-GB");
    const auto& h = blockAt<content::Heading>(m, 0);
    CHECK(h.level == 2);
    CHECK(content::plainText(h.text) == "When to call 999");
    CHECK(h.pos.line == 9);  // front matter: id, title, summary, sources, minutes
    const auto& p = blockAt<content::Paragraph>(m, 1);
    REQUIRE(p.text.size() >= 5);
    CHECK(p.text[1].strong);
    CHECK(p.text[1].text == "{{force.reporting.emergency}}");
    CHECK(p.text[3].emphasis);
    CHECK(p.text[3].text == "in danger now");
    CHECK(p.text[5].link == "{{force.reporting.online_url}}");
    const auto& callout = blockAt<content::Callout>(m, 2);
    CHECK(callout.kind == content::CalloutKind::Emergency);
    CHECK(content::plainText(callout.title) == "Call 999 if you are in immediate danger");
    REQUIRE(callout.paragraphs.size() == 1);
    CHECK(content::plainText(callout.paragraphs[0]) == "Or if a crime is happening now.");
    const auto& bullets = blockAt<content::List>(m, 3);
    CHECK_FALSE(bullets.ordered);
    CHECK(bullets.items.size() == 2);
    CHECK(blockAt<content::List>(m, 4).ordered);
    const auto& table = blockAt<content::Table>(m, 5);
    CHECK(table.header.size() == 2);
    CHECK(table.rows.size() == 2);
    CHECK(content::plainText(table.rows[1][0]) == "Text relay");
    CHECK(blockAt<content::Heading>(m, 6).level == 3);
    const auto& check = blockAt<content::KnowledgeCheck>(m, 8);
    CHECK(check.id == "when-999");
    CHECK(check.options.size() == 3);
    CHECK(check.correct == 1);
    CHECK(content::plainText(check.options[1]) == "Call 999");
    CHECK(check.options[2][1].emphasis);  // "Report it *online* next week"
    CHECK(check.explanation.size() == 1);
    CHECK(check.pos.line == 31);
    CHECK(content::plainText(check.feedback[0]) == "This is not the best answer.");
    CHECK(check.feedback[1].empty());
    CHECK(m.sources == std::vector<std::string>{"criminal-damage-act-1971", "fixture-guidance"});
    const auto& sc = blockAt<content::Scenario>(m, 9);
    CHECK(sc.verdict == content::Verdict::Crime);
    CHECK(content::plainText(sc.law) == "Criminal Damage Act 1971, section 1");
}

TEST_CASE("values inside checks are inline text even when they look like Markdown blocks", "[content]") {
    const auto r = parse(kFront + "```check id=a\nquestion: 1. Which?\noption: - dash\nfeedback: no\ncorrect: # hash\noption: 2) two\nfeedback: no\nexplain: _why_\n```\n");
    INFO(describe(r.diagnostics));
    REQUIRE(r.ok());
    const auto& c = blockAt<content::KnowledgeCheck>(r.module, 0);
    CHECK(content::plainText(c.question) == "1. Which?");
    CHECK(content::plainText(c.options[0]) == "- dash");
    CHECK(content::plainText(c.options[1]) == "# hash");
    REQUIRE(c.explanation.size() == 1);
    CHECK(c.explanation[0][0].emphasis);
}

TEST_CASE("unsupported Markdown is an error at its position", "[content]") {
    const auto r = parse(kFront + "# Title again\n\n<div>x</div>\n\n> plain quote\n\n```\ncode\n```\n\n- a\n  - nested\n");
    CHECK(r.diagnostics.size() >= 5);
    CHECK(findDiag(r.diagnostics, "m.md", "use ## or ###"));
    const auto* html = findDiag(r.diagnostics, "m.md", "raw HTML");
    REQUIRE(html);
    CHECK(html->line == 8);
    const auto* quote = findDiag(r.diagnostics, "m.md", "a block quote must be a callout");
    REQUIRE(quote);
    CHECK(quote->line == 10);
    CHECK(findDiag(r.diagnostics, "m.md", "code blocks are not used"));
    CHECK(findDiag(r.diagnostics, "m.md", "a list item may hold only text"));
}

TEST_CASE("hostile input: an empty file, a binary file and invalid UTF-8 give clear errors", "[content]") {
    auto r = parse("");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("file is empty") != std::string::npos);
    r = parse("  \n\n");
    CHECK(findDiag(r.diagnostics, "m.md", "file is empty"));

    r = parse(std::string("+++\nid = \"m\"\n\x7F" "ELF\0\0\1\2", 20));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("binary file") != std::string::npos);
    CHECK(r.diagnostics[0].line == 3);

    r = parse(kFront + "## Caf\xC3\xA9 ok\n\nBad \xFF byte\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("invalid UTF-8") != std::string::npos);
    CHECK(r.diagnostics[0].line == 8);
    CHECK(r.diagnostics[0].col == 5);

    r = parse(kFront + "Bell \a here\n");
    const auto* d = findDiag(r.diagnostics, "m.md", "control character U+0007");
    REQUIRE(d);
    CHECK(d->line == 6);
    CHECK(d->col == 6);
}

TEST_CASE("hostile input: a 50 MB module is refused by size before it is read", "[content]") {
    const fs::path dir = fs::temp_directory_path() / ("bk-big-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "big.en-GB.md";
    {
        std::ofstream out(file, std::ios::binary);
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 50; ++i) out << chunk;
    }
    const auto r = content::loadModuleFile(file, "en-GB");
    fs::remove_all(dir);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].file == file.string());
    CHECK(r.diagnostics[0].message.find("file is too large (52428800 bytes") != std::string::npos);
}

TEST_CASE("hostile input: deep nesting and junk do not crash the parser", "[content]") {
    const int depth = 100000;
    auto r = parse(kFront + std::string(depth, '>') + " x\n");
    CHECK_FALSE(r.ok());
    r = parse(kFront + std::string(depth, '*') + "x" + std::string(depth, '*') + "\n");
    CHECK_FALSE(r.ok());
    CHECK(findDiag(r.diagnostics, "m.md", "nested more than 16 levels"));
    r = parse(kFront + std::string(depth, '[') + "x" + std::string(depth, ']') + "\n");
    CHECK(r.module.blocks.size() == 1);
    std::string lists = kFront;
    for (int i = 0; i < 2000; ++i) lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
    r = parse(lists);
    CHECK_FALSE(r.ok());
    r = parse(kFront + "```check id=x\n" + std::string(5000, ':') + "\n```\n");
    CHECK_FALSE(r.ok());
    r = parse("+++\n+++\n+++\n");
    CHECK(findDiag(r.diagnostics, "m.md", "missing required key 'id'"));
    r = parse("+++\nid = [1, {\n");
    CHECK(findDiag(r.diagnostics, "m.md", "front matter is not closed"));
    r = parse("no front matter\n");
    CHECK(findDiag(r.diagnostics, "m.md", "must start with a +++ line"));
}

TEST_CASE("problems in one file are capped so garbage cannot flood the report", "[content]") {
    std::string text = kFront;
    for (int i = 0; i < 1000; ++i) text += "{{bad}}\n";
    const auto r = parse(text);
    CHECK(r.diagnostics.size() == 101);
    CHECK(findDiag(r.diagnostics, "m.md", "too many problems"));
}

TEST_CASE("every file of the fuzz corpus parses without crashing", "[content]") {
    const fs::path corpus = fs::path(BK_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "module";
    REQUIRE(fs::is_directory(corpus));
    int files = 0;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto r = content::parseModule(bytes, entry.path().string(), "cy");
        // Each diagnostic names the file and is printable; a clean file has blocks.
        for (const auto& d : r.diagnostics) CHECK(d.file == entry.path().string());
        if (r.ok()) CHECK_FALSE(r.module.blocks.empty());
        ++files;
    }
    CHECK(files >= 10);
}

TEST_CASE("a line with too many table cells is refused before cmark sees it", "[content]") {
    std::string text = kFront + "## Table\n\n|";
    for (int i = 0; i < 500; ++i) text += " a |";
    const auto r = parse(text + "\n");
    const auto* d = findDiag(r.diagnostics, "m.md", "'|' characters: a table may have at most 63 columns");
    REQUIRE(d);
    CHECK(d->line == 8);
    CHECK(r.module.blocks.empty());
}

TEST_CASE("callouts: kinds, styled titles, several paragraphs and mistakes", "[content]") {
    auto r = parse(kFront + "> [!IMPORTANT] Keep **evidence**\n\n> [!TIP] Short\n> one\n>\n> two\n");
    INFO(describe(r.diagnostics));
    REQUIRE(r.ok());
    const auto& important = blockAt<content::Callout>(r.module, 0);
    CHECK(important.kind == content::CalloutKind::Important);
    CHECK(content::plainText(important.title) == "Keep evidence");
    CHECK(important.title.back().strong);
    CHECK(important.paragraphs.empty());
    const auto& tip = blockAt<content::Callout>(r.module, 1);
    CHECK(tip.kind == content::CalloutKind::Tip);
    REQUIRE(tip.paragraphs.size() == 2);
    CHECK(content::plainText(tip.paragraphs[1]) == "two");

    r = parse(kFront + "> [!NOTE] Wrong kind\n\n> [!TIP]\n> no title\n\n> [!TIP] t\n> - list\n");
    const auto* kind = findDiag(r.diagnostics, "m.md", "unknown callout kind");
    REQUIRE(kind);
    CHECK(kind->line == 6);
    const auto* title = findDiag(r.diagnostics, "m.md", "callout has no title");
    REQUIRE(title);
    CHECK(title->line == 8);
    const auto* list = findDiag(r.diagnostics, "m.md", "a callout may hold only paragraphs");
    REQUIRE(list);
    CHECK(list->line == 12);
}
