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
    const std::string id = "3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f";
    CHECK(spool.findJobs(id)->empty());
    CHECK(spool.status().ready());
    const Submission out = spool.submit({id, pdf}, {});
    CHECK(out.result == SubmitResult::Completed);
    CHECK(out.message == (dir / "spool" / (id + ".pdf")).string());
    CHECK(fs::file_size(out.message) == pdf.size());
    CHECK((fs::status(dir / "spool").permissions() & fs::perms::all) == fs::perms::owner_all);  // 0700 (issue 15)
    // After a kill the file tells whether the job was done.
    REQUIRE(spool.findJobs(id)->size() == 1);
    CHECK(spool.findJobs(id)->at(0).phase == JobPhase::Completed);
    CHECK(spool.submit({"../escape", pdf}, {}).result == SubmitResult::NotSent);
    // A folder that cannot be written is a printer problem the queue retries, not an exception.
    SpoolFolderPrinter blocked(dir / "spool" / (id + ".pdf") / "sub");
    CHECK(blocked.status().condition == PrinterCondition::NeedsAttention);
    const Submission bad = blocked.submit({"aaaaaaaa-0000-4000-8000-000000000000", pdf}, {});
    CHECK(bad.result == SubmitResult::NotSent);
    CHECK(!bad.message.empty());
    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("makePrinter picks the spool folder without a printer name, CUPS with one", "[print]") {
    CHECK(makePrinter("", "/tmp/spool")->describe() == "spool folder /tmp/spool");
    CHECK(makePrinter("Office", "/tmp/spool")->describe() == "CUPS queue Office");
    CHECK(makePrinter("spool", "/tmp/spool")->destination() == "spool");
    CHECK(makePrinter("Office", "/tmp/spool")->destination() == "Office");
}

TEST_CASE("CUPS job names hold only safe bytes and nothing personal", "[print]") {
    // Debian 12's cupsd (2.4.2-3+deb12u10) crashes on whitespace in an attribute value: only [a-z0-9-].
    const std::string name = cupsJobName("3F2A9C1E-7d4b-4c2a-9e1f-0a1b2c3d4e5f");
    CHECK(name == "briefing-pack-3f2a9c1e7d4b4c2a9e1f0a1b2c3d4e5f");
    CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
    CHECK_THROWS_AS(cupsJobName("Briefing pack 3f2a9c1e"), std::invalid_argument);
    CHECK_THROWS_AS(cupsJobName("3f2a9c1e"), std::invalid_argument);
    CHECK_THROWS_AS(cupsJobName("3f2a9c1e-7d4b-4c2a-9e1f-0a1b2c3d4e5f\n"), std::invalid_argument);
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
