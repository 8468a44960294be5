// Export targets (export folder + removable drives) and the audited roster export. Layer: tests/officer.
#include "kiosk/officer/export_target.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace kiosk::officer;
using officer_test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("export targets list the export folder, then the removable drives", "[officer]") {
    TempDir tmp;
    const fs::path sys = tmp.path() / "sys" / "block";
    officer_test::writeBytes(sys / "sdb" / "removable", "1\n");
    const fs::path stick = tmp.path() / "STICK";
    fs::create_directories(stick);
    officer_test::writeBytes(tmp.path() / "mounts", "/dev/sdb " + stick.string() + " vfat rw 0 0\n");
    const auto targets = exportTargets(tmp.path() / "exports" / "not-yet", {tmp.path() / "mounts", sys});
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].folder == tmp.path() / "exports" / "not-yet");
    CHECK_FALSE(targets[0].removable);
    CHECK(targets[0].writable);  // created on export, inside a writable folder
    CHECK(targets[0].freeBytes > 0);
    CHECK(targets[1].label == "STICK");
    CHECK(targets[1].removable);
    CHECK(exportTargets("", {tmp.path() / "mounts", sys}).size() == 1);
}

TEST_CASE("a roster export lands on the chosen target with one audit row, or fails naming the folder",
          "[officer]") {
    TempDir tmp;
    auto store = officer_test::openStore(tmp.data());
    const std::string session = store->openSession({"2026-11-27", "Town Hall", "Sgt Evans"}, "Sgt Evans");
    kiosk::records::CheckInInput in;
    in.sessionId = session;
    in.name = "=cmd|' /C calc'!A0";
    in.constituency = "Vale";
    store->checkIn(in);
    const fs::path file = exportRoster(*store, session, ExportFormat::Csv, tmp.path() / "USB", "Sgt Evans");
    CHECK(file == tmp.path() / "USB" / ("roster-2026-11-27-" + session.substr(0, 8) + ".csv"));
    const std::string csv = officer_test::readBytes(file);
    CHECK(csv.find("'=cmd") != std::string::npos);  // the records layer's formula neutralising applies
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat((tmp.path() / "USB").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);  // a folder we create holds personal data (issue 15)
    CHECK(store->auditRows().back().action == "export");
    CHECK(store->auditRows().back().actor == "Sgt Evans");

    const fs::path ro = tmp.path() / "RO";
    fs::create_directories(ro);
    ::chmod(ro.c_str(), 0500);
    if (::access(ro.c_str(), W_OK) != 0) {  // root can write anyway: the check only means something otherwise
        const auto before = store->auditRows().size();
        CHECK_THROWS_WITH(exportRoster(*store, session, ExportFormat::Json, ro, "x"), Catch::Contains(ro.string()));
        CHECK(store->auditRows().size() == before);
    }
    ::chmod(ro.c_str(), 0700);
    CHECK_THROWS_AS(exportRoster(*store, "00000000-0000-4000-8000-000000000000", ExportFormat::Csv, tmp.path(), "x"),
                    kiosk::records::NotFoundError);
}
