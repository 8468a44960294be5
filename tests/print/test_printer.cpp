// Printers without a scheduler: the spool folder, the printer factory and the state keys. Layer: tests (print).
#include <catch2/catch.hpp>

#include <filesystem>

#include "fixtures.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

namespace fs = std::filesystem;
using namespace print;

namespace {

std::vector<unsigned char> samplePdf() {
    static const PackRenderer kRenderer(findPackAssets());
    return kRenderer.render(testing::sampleRequest("Siân Gwenllian"));
}

}  // namespace

TEST_CASE("the spool-folder printer writes <job id>.pdf atomically and refuses odd ids", "[print]") {
    std::string tmpl = (fs::temp_directory_path() / "bk-spool-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    const fs::path dir = tmpl;
    SpoolFolderPrinter spool(dir / "spool");
    const auto pdf = samplePdf();
    const PrintOutcome out = spool.print({"3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f", pdf});
    CHECK(out.state == JobState::Done);
    CHECK(out.where == (dir / "spool/3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf").string());
    CHECK(fs::file_size(out.where) == pdf.size());
    CHECK(spool.print({"../escape", pdf}).state == JobState::Failed);
    // A folder that cannot be written is a failure the queue retries, not an exception.
    SpoolFolderPrinter blocked(dir / "spool/3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf/sub");
    const PrintOutcome bad = blocked.print({"aaaaaaaa", pdf});
    CHECK(bad.state == JobState::Failed);
    CHECK(!bad.message.empty());
    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("makePrinter picks the spool folder without a printer name, CUPS with one", "[print]") {
    CHECK(makePrinter("", "/tmp/spool")->describe() == "spool folder /tmp/spool");
    CHECK(makePrinter("Office", "/tmp/spool")->describe() == "CUPS queue Office");
    CHECK(std::string(jobStateKey(JobState::Sent)) == "sent");
    CHECK(std::string(jobStateKey(JobState::Done)) == "done");
    CHECK(std::string(jobStateKey(JobState::Failed)) == "failed");
}
