// End-to-end tests of the briefing command-line tool's skeleton. [e2e]
#include "process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

TEST_CASE("briefing --version prints the CMake project version", "[e2e]") {
    const auto r = e2e::run({BK_BRIEFING_BIN, "--version"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == std::string("briefing ") + BK_VERSION + "\n");
}

TEST_CASE("briefing without a subcommand or with an unknown flag is a usage error", "[e2e]") {
    CHECK(e2e::run({BK_BRIEFING_BIN}).exitCode == 2);
    CHECK(e2e::run({BK_BRIEFING_BIN, "--bogus"}).exitCode == 2);
    CHECK(e2e::run({BK_BRIEFING_BIN, "config", "nonsense"}).exitCode == 2);
}

TEST_CASE("briefing config show names where each setting came from", "[e2e]") {
    e2e::TempDir dir;
    const auto cfgHome = dir.path / "config";
    std::filesystem::create_directories(cfgHome / "briefing-kiosk");
    std::ofstream(cfgHome / "briefing-kiosk" / "kiosk.toml") << "printer = \"FrontDesk\"\n";
    const auto r = e2e::run({BK_BRIEFING_BIN, "--data", "/srv/kiosk-data", "config", "show"},
                            {"XDG_CONFIG_HOME=" + cfgHome.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("data_dir = \"/srv/kiosk-data\"    # flag --data") != std::string::npos);
    CHECK(r.out.find("printer = \"FrontDesk\"    # " + (cfgHome / "briefing-kiosk" / "kiosk.toml").string() + ":1") !=
          std::string::npos);
    CHECK(r.out.find("content_dir") != std::string::npos);
}

TEST_CASE("briefing with a broken kiosk.toml exits 1 naming the file and line", "[e2e]") {
    e2e::TempDir dir;
    const auto file = dir.path / "kiosk.toml";
    std::ofstream(file) << "printer = \"x\"\nbogus = 1\n";
    const auto r = e2e::run({BK_BRIEFING_BIN, "--config", file.string(), "config", "show"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find(file.string() + ":2:") != std::string::npos);
}

TEST_CASE("every briefing subcommand's --help lists the exit codes", "[e2e]") {
    // The subcommands are read from the top-level help, so a new one is covered without editing this test.
    const auto top = e2e::run({BK_BRIEFING_BIN, "--help"});
    REQUIRE(top.exitCode == 0);
    const auto at = top.out.find("Subcommands:");
    REQUIRE(at != std::string::npos);
    std::istringstream lines(top.out.substr(at));
    std::string line;
    std::getline(lines, line);
    int checked = 0;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string cmd;
        if (!(words >> cmd) || line.find("  ") != 0) break;
        INFO(cmd);
        const auto r = e2e::run({BK_BRIEFING_BIN, cmd, "--help"});
        CHECK(r.exitCode == 0);
        CHECK(r.out.find("Exit codes") != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 15);
}

namespace {
// A data folder of its own, with the bundled course and demo force profile.
struct BriefingEnv {
    e2e::TempDir dir;
    std::vector<std::string> env() const {
        return {"XDG_DATA_HOME=" + (dir.path / "data").string(), "XDG_CONFIG_HOME=" + (dir.path / "config").string()};
    }
    e2e::Result operator()(std::vector<std::string> args) const {
        args.insert(args.begin(), BK_BRIEFING_BIN);
        return e2e::run(args, env());
    }
    std::filesystem::path dataDir() const { return dir.path / "data" / "briefing-kiosk"; }
};

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }
}  // namespace

TEST_CASE("briefing pack writes one PDF per attendee and names the one it cannot print", "[e2e]") {
    BriefingEnv b;
    const auto session = firstLine(b({"session", "open", "--venue", "HQ", "--officer", "PC Evans"}).out);
    REQUIRE(session.size() == 36);
    const auto sian = firstLine(b({"checkin", "--session", session, "--name", "Siân Gwenllian", "--constituency", "Arfon",
                                   "--lang", "cy"}).out);
    const auto anh = firstLine(b({"checkin", "--session", session, "--name", "Nguyễn Thị Ánh", "--constituency", "Leeds"}).out);
    const auto arabic = firstLine(b({"checkin", "--session", session, "--name", "محمد", "--constituency", "Cardiff"}).out);
    const auto out = b.dir.path / "packs";
    const auto r = b({"pack", "--session", session, "--out-dir", out.string()});
    CHECK(r.exitCode == 4);
    CHECK(std::filesystem::exists(out / (sian + ".pdf")));
    CHECK(std::filesystem::exists(out / (anh + ".pdf")));
    CHECK_FALSE(std::filesystem::exists(out / (arabic + ".pdf")));
    CHECK(r.err.find(arabic) != std::string::npos);
    CHECK(r.err.find("transliteration") != std::string::npos);

    const auto one = b.dir.path / "one.pdf";
    CHECK(b({"pack", "--candidate", sian, "--out", one.string(), "--large-print", "--lang", "en-GB"}).exitCode == 0);
    const auto text = e2e::run({"pdftotext", one.string(), "-"});
    CHECK(text.out.find("Siân Gwenllian") != std::string::npos);
    CHECK(b({"pack", "--candidate", sian}).exitCode == 1);        // no --out
    CHECK(b({"pack", "--out", one.string()}).exitCode == 2);      // neither --candidate nor --session
    CHECK(b({"pack", "--candidate", sian, "--out", one.string(), "--paper", "a3"}).exitCode == 2);
}

TEST_CASE("briefing print sends to the spool folder and the queue records it", "[e2e]") {
    BriefingEnv b;
    const auto session = firstLine(b({"session", "open"}).out);
    const auto c = firstLine(b({"checkin", "--session", session, "--name", "Llŷr Ŵyn", "--constituency", "Ceredigion"}).out);
    const auto r = b({"print", "--candidate", c});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    int pdfs = 0;
    for (const auto& f : std::filesystem::directory_iterator(b.dataDir() / "spool")) {
        CHECK(f.path().extension() == ".pdf");
        CHECK(f.path().filename().string().find("Llŷr") == std::string::npos);  // no names in file names
        ++pdfs;
    }
    CHECK(pdfs == 1);
    const auto q = b({"print-queue"});
    CHECK(q.exitCode == 0);
    CHECK(q.out.find("\tdone\t1\t") != std::string::npos);
    CHECK(b({"print-queue", "retry", "00000000-0000-4000-8000-000000000000"}).exitCode == 1);
    CHECK(b({"print", "--candidate", "00000000-0000-4000-8000-000000000000"}).exitCode == 1);
}

// Needs root (CI runs as root) and the user `nobody`; skipped elsewhere.
TEST_CASE("briefing refuses another user's data folder, and root becomes the folder's owner", "[e2e]") {
    const passwd* nobody = ::getpwnam("nobody");
    if (::geteuid() != 0 || !nobody) {
        WARN("not root or no user nobody: ownership not tested");
        return;
    }
    e2e::TempDir dir;
    std::filesystem::permissions(dir.path, std::filesystem::perms::all);  // 0777: nobody can reach inside
    const auto data = dir.path / "data";
    std::filesystem::create_directory(data);
    REQUIRE(::chown(data.c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
    REQUIRE(::chmod(data.c_str(), 0700) == 0);

    // Root: runs as nobody, so every file it makes in the folder is nobody's; the audit row names root.
    const auto open = e2e::run({BK_BRIEFING_BIN, "--data", data.string(), "session", "open", "--venue", "x"},
                               {"SUDO_USER=alice", "USER=mallory"});
    INFO(open.err);
    REQUIRE(open.exitCode == 0);
    REQUIRE(e2e::run({BK_BRIEFING_BIN, "--data", data.string(), "backup"}).exitCode == 0);
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(data)) {
        struct stat st {};
        REQUIRE(::lstat(e.path().c_str(), &st) == 0);
        INFO(e.path());
        CHECK(st.st_uid == nobody->pw_uid);
        ++files;
    }
    CHECK(files >= 2);  // attendance.db and backups/…
    const auto audit = e2e::run({"sqlite3", (data / "attendance.db").string(), "select actor from audit_log"});
    CHECK(audit.out.find("cli:root uid=0 sudo_user=alice") != std::string::npos);
    CHECK(audit.out.find("mallory") == std::string::npos);

    // Another user than root or the owner: refused, exit 3, naming runuser and the owner.
    REQUIRE(::chown(data.c_str(), 0, 0) == 0);
    const auto refused = e2e::run({"runuser", "-u", "nobody", "--", BK_BRIEFING_BIN, "--data", data.string(), "session", "list"});
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.find("belongs to user root") != std::string::npos);
    CHECK(refused.err.find("runuser -u root -- briefing") != std::string::npos);
}
