// Printers without a scheduler: the spool folder, the printer factory and the state keys. Layer: tests (print).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

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
    CHECK((fs::status(dir / "spool").permissions() & fs::perms::all) == fs::perms::owner_all);  // 0700 (issue 15)
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

TEST_CASE("stale temporaries of killed spool writes are removed, recent ones and packs are kept", "[print]") {
    std::string tmpl = (fs::temp_directory_path() / "bk-spool-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    const fs::path dir = tmpl;
    const auto touch = [&](const std::string& name, std::chrono::minutes age) {
        std::ofstream(dir / name) << "partial";
        fs::last_write_time(dir / name, fs::file_time_type::clock::now() - age);
    };
    touch(".3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf.Ab12Cd", std::chrono::minutes(30));  // killed long ago
    touch(".0a1b2c3d-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf.Xy98Zw", std::chrono::minutes(0));   // being written now
    touch("3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf", std::chrono::minutes(30));          // a finished pack
    touch(".notes.txt", std::chrono::minutes(30));                                         // not ours
    CHECK(removeStaleSpoolTemporaries(dir, std::chrono::minutes(10)) == 1);
    CHECK_FALSE(fs::exists(dir / ".3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf.Ab12Cd"));
    CHECK(fs::exists(dir / ".0a1b2c3d-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf.Xy98Zw"));
    CHECK(fs::exists(dir / "3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f.pdf"));
    CHECK(fs::exists(dir / ".notes.txt"));
    CHECK(removeStaleSpoolTemporaries(dir / "missing", std::chrono::minutes(10)) == 0);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
