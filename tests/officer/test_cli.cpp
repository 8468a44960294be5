// `briefing set-pin` and `briefing officer ...` end to end: the real binary with PINs piped in on
// standard input. Layer: tests/officer.
#include "kiosk/officer/authenticator.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

using officer_test::TempDir;
namespace fs = std::filesystem;

namespace {

// The audit actor of a command-line action by this test's real user: "cli:<name> uid=<n>".
const std::string kActorPrefix = [] {
    const passwd* pw = ::getpwuid(::getuid());
    return "cli:" + std::string(pw ? pw->pw_name : std::to_string(::getuid())) + " uid=" + std::to_string(::getuid());
}();

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `briefing --data DATA args...` with `input` as standard input (a file, so not a terminal) and
// XDG folders inside `tmp`, so no real configuration is read.
Run briefing(const TempDir& tmp, const std::vector<std::string>& args, const std::string& input = "") {
    const fs::path in = tmp.path() / "stdin", out = tmp.path() / "stdout", err = tmp.path() / "stderr";
    officer_test::writeBytes(in, input);
    std::vector<std::string> argv{BK_BRIEFING_BIN, "--data", tmp.data().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int i = ::open(in.c_str(), O_RDONLY);
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (i < 0 || o < 0 || e < 0) ::_exit(127);
        ::dup2(i, 0);
        ::dup2(o, 1);
        ::dup2(e, 2);
        ::setenv("XDG_CONFIG_HOME", (tmp.path() / "config").c_str(), 1);
        ::setenv("XDG_DATA_HOME", (tmp.path() / "xdg-data").c_str(), 1);
        ::setenv("USER", "itadmin", 1);
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Run r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = officer_test::readBytes(out);
    r.err = officer_test::readBytes(err);
    return r;
}

// The installation key `briefing` creates for a new data folder in the test's XDG_CONFIG_HOME.
fs::path keyFile(const TempDir& tmp) { return tmp.path() / "config" / "briefing-kiosk" / "secret.key"; }

}  // namespace

TEST_CASE("briefing set-pin reads the PIN twice from a pipe and stores only its Argon2id hash", "[officer]") {
    TempDir tmp;
    const Run set = briefing(tmp, {"set-pin"}, "482913\n482913\n");
    INFO(set.err);
    REQUIRE(set.exitCode == 0);
    CHECK(set.out.find("\"officer\"") != std::string::npos);  // the default account name
    CHECK(officer_test::filesContaining(tmp.data(), "482913") == 0);
    CHECK(officer_test::filesContaining(tmp.data(), "$argon2id$") >= 1);

    const Run list = briefing(tmp, {"officer", "list"});
    CHECK(list.exitCode == 0);
    CHECK(list.out == "name\trole\tstatus\nofficer\tofficer\tok\n");
    CHECK(list.out.find("argon2") == std::string::npos);

    const Run op = briefing(tmp, {"set-pin", "--role", "print-operator", "--officer", "Front Desk"},
                            "111222333\r\n111222333\r\n");
    CHECK(op.exitCode == 0);
    CHECK(briefing(tmp, {"officer", "list"}).out.find("Front Desk\tprint-operator\tok") != std::string::npos);
    CHECK(briefing(tmp, {"audit", "verify"}).exitCode == 0);

    // The CLI created the installation key for this new data folder, outside it, and peppered with it.
    REQUIRE(fs::exists(keyFile(tmp)));
    CHECK((fs::status(keyFile(tmp)).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    auto store = officer_test::openStore(tmp.data());
    kiosk::officer::Authenticator auth(*store, officer_test::pepperFromFile(keyFile(tmp)));
    const auto v = auth.verify("Front Desk", "111222333", officer_test::t0());
    REQUIRE(std::holds_alternative<kiosk::officer::Unlocked>(v));
    CHECK(std::get<kiosk::officer::Unlocked>(v).role == kiosk::officer::Role::PrintOperator);
    int setPins = 0;
    for (const auto& r : store->auditRows()) {
        if (r.action != "set-pin") continue;
        ++setPins;
        // The real user (uid and name), never $USER (set to "itadmin" above).
        CHECK(r.actor.rfind(kActorPrefix, 0) == 0);
        CHECK(r.actor.find("itadmin") == std::string::npos);
        CHECK(r.detail.find("111222333") == std::string::npos);
    }
    CHECK(setPins == 2);
}

TEST_CASE("briefing set-pin refuses a mismatch, a short, non-digit or weak PIN, and a single line", "[officer]") {
    TempDir tmp;
    const Run mismatch = briefing(tmp, {"set-pin"}, "482913\n482914\n");
    CHECK(mismatch.exitCode == 1);
    CHECK(mismatch.err.find("differ") != std::string::npos);
    const Run shortPin = briefing(tmp, {"set-pin"}, "12345\n12345\n");
    CHECK(shortPin.exitCode == 1);
    CHECK(shortPin.err.find("at least 6 digits") != std::string::npos);
    const Run letters = briefing(tmp, {"set-pin"}, "12ab56\n12ab56\n");
    CHECK(letters.exitCode == 1);
    CHECK(letters.err.find("digits only") != std::string::npos);
    const Run once = briefing(tmp, {"set-pin"}, "482913\n");
    CHECK(once.exitCode == 1);
    CHECK(once.err.find("twice") != std::string::npos);
    for (const Run* r : {&mismatch, &shortPin, &letters, &once}) {
        CHECK(r->err.find("482913") == std::string::npos);
        CHECK(r->err.find("12345") == std::string::npos);
    }
    for (const char* weak : {"000000", "123456", "121212", "147258"}) {
        const Run r = briefing(tmp, {"set-pin"}, std::string(weak) + "\n" + weak + "\n");
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("too easy to guess") != std::string::npos);
        CHECK(r.err.find(weak) == std::string::npos);
    }
    CHECK(briefing(tmp, {"set-pin", "--role", "admin"}, "482913\n482913\n").exitCode == 2);
    CHECK_FALSE(fs::exists(tmp.data() / "attendance.db"));  // nothing was stored by any refused call
}

TEST_CASE("briefing set-pin and officer unlock lift a lockout that survived a restart", "[officer]") {
    TempDir tmp;
    REQUIRE(briefing(tmp, {"set-pin", "--officer", "PC Jones"}, "482913\n482913\n").exitCode == 0);
    {
        auto store = officer_test::openStore(tmp.data());
        kiosk::officer::Authenticator strict(*store, officer_test::pepperFromFile(keyFile(tmp)),
                                             kiosk::officer::PinPolicy{1, {std::chrono::seconds{3600}}});
        strict.verify("PC Jones", "000000", std::chrono::system_clock::now());
    }
    CHECK(briefing(tmp, {"officer", "list"}).out.find("PC Jones\tofficer\tlocked until") != std::string::npos);
    CHECK(briefing(tmp, {"officer", "unlock", "PC Jones"}).exitCode == 0);
    CHECK(briefing(tmp, {"officer", "list"}).out.find("PC Jones\tofficer\tok") != std::string::npos);
    CHECK(briefing(tmp, {"officer", "unlock", "Nobody"}).exitCode == 1);
    {
        auto store = officer_test::openStore(tmp.data());
        kiosk::officer::Authenticator strict(*store, officer_test::pepperFromFile(keyFile(tmp)),
                                             kiosk::officer::PinPolicy{1, {std::chrono::seconds{3600}}});
        strict.verify("PC Jones", "000000", std::chrono::system_clock::now());
    }
    REQUIRE(briefing(tmp, {"set-pin", "--officer", "PC Jones"}, "777888\n777888\n").exitCode == 0);
    auto store = officer_test::openStore(tmp.data());
    CHECK(store->officer("PC Jones")->failedAttempts == 0);
    CHECK(store->officer("PC Jones")->lockedUntil.empty());
}

TEST_CASE("briefing officer settings show and set", "[officer]") {
    TempDir tmp;
    REQUIRE(briefing(tmp, {"set-pin"}, "482913\n482913\n").exitCode == 0);
    const Run show = briefing(tmp, {"officer", "settings", "show"});
    INFO(show.err);
    CHECK(show.exitCode == 0);
    CHECK(show.out.find("paper-size = a4\n") != std::string::npos);
    CHECK(briefing(tmp, {"officer", "settings", "set", "paper-size", "letter"}).exitCode == 0);
    CHECK(briefing(tmp, {"officer", "settings", "show"}).out.find("paper-size = letter\n") != std::string::npos);
    const Run bad = briefing(tmp, {"officer", "settings", "set", "idle-timeout-seconds", "2"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("idle-timeout-seconds") != std::string::npos);
}

TEST_CASE("briefing refuses a missing or unsafe key file for an existing store, naming the file", "[officer]") {
    TempDir tmp;
    REQUIRE(briefing(tmp, {"set-pin", "--officer", "PC Jones"}, "482913\n482913\n").exitCode == 0);
    const fs::path key = keyFile(tmp);
    const std::string original = officer_test::readBytes(key);
    REQUIRE(original.size() == 32);

    fs::permissions(key, fs::perms::group_read, fs::perm_options::add);
    Run r = briefing(tmp, {"officer", "list"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find(key.string()) != std::string::npos);
    CHECK(r.err.find("mode 0640") != std::string::npos);
    fs::permissions(key, fs::perms::group_read, fs::perm_options::remove);

    // The store's data folder copied elsewhere (or the key lost): nothing runs, and no new key is made
    // that would orphan the PINs.
    fs::rename(key, tmp.path() / "kept.key");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"officer", "list"}, {"session", "open"}, {"set-pin", "--officer", "X"}}) {
        r = briefing(tmp, args, "204861\n204861\n");
        CHECK(r.exitCode == 3);
        CHECK(r.err.find(key.string()) != std::string::npos);
        CHECK(r.err.find("already holds a store") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(key));

    // `secret create` is the deliberate way out: a new key, and the old PIN no longer works.
    r = briefing(tmp, {"secret", "create"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("created " + key.string()) != std::string::npos);
    CHECK(r.err.find("set every officer PIN again") != std::string::npos);
    CHECK(officer_test::readBytes(key) != original);
    CHECK(briefing(tmp, {"secret", "create"}).exitCode == 1);  // never replaced
    {
        auto store = officer_test::openStore(tmp.data());
        kiosk::officer::Authenticator auth(*store, officer_test::pepperFromFile(key));
        CHECK(std::holds_alternative<kiosk::officer::PinMustBeReset>(
            auth.verify("PC Jones", "482913", std::chrono::system_clock::now())));
    }
    REQUIRE(briefing(tmp, {"set-pin", "--officer", "PC Jones"}, "482913\n482913\n").exitCode == 0);
    auto store = officer_test::openStore(tmp.data());
    kiosk::officer::Authenticator auth(*store, officer_test::pepperFromFile(key));
    CHECK(std::holds_alternative<kiosk::officer::Unlocked>(
        auth.verify("PC Jones", "482913", std::chrono::system_clock::now())));
    // The key never lands in the data folder.
    CHECK(officer_test::filesContaining(tmp.data(), officer_test::readBytes(key)) == 0);
}

TEST_CASE("briefing --secret-file names the key, and one inside the data folder is refused", "[officer]") {
    TempDir tmp;
    const fs::path mine = tmp.path() / "keys" / "kiosk.key";
    Run r = briefing(tmp, {"--secret-file", mine.string(), "set-pin"}, "482913\n482913\n");
    REQUIRE(r.exitCode == 0);
    CHECK(fs::file_size(mine) == 32);
    CHECK_FALSE(fs::exists(keyFile(tmp)));
    r = briefing(tmp, {"--secret-file", (tmp.data() / "secret.key").string(), "officer", "list"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("inside the data folder") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.data() / "secret.key"));
}
