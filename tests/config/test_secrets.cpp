// Tests of the installation secret key: where it is found, the checks on the file, the creation rule, and
// the purpose keys derived from it. [config]
#include "config_fixture.hpp"
#include "kiosk/config/secrets.hpp"
#include "kiosk/config/settings.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace kiosk::config;
using Kind = SecretError::Kind;

namespace {

using config_test::TempDir;
using config_test::testEnv;

void writeBytes(const fs::path& p, const std::string& bytes, mode_t mode) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
    REQUIRE(::chmod(p.c_str(), mode) == 0);
}

mode_t modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// The kind of SecretError `fn` throws, with its message checked to name `file`.
template <typename Fn>
Kind refusal(Fn&& fn, const fs::path& file) {
    try {
        fn();
    } catch (const SecretError& e) {
        CHECK_THAT(e.what(), Catch::Contains(file.string()));
        return e.kind();
    }
    FAIL("no SecretError thrown");
    return Kind::Missing;
}

const std::string k32(32, 'k');

}  // namespace

TEST_CASE("purpose keys are deterministic, distinct per purpose and never the master key", "[config]") {
    KeyBytes raw{};
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<unsigned char>(i * 7 + 1);
    const SecretKey master(raw);
    const PurposeKey pepper = deriveKey(master, KeyPurpose::PinPepper);
    const PurposeKey audit = deriveKey(master, KeyPurpose::AuditMac);
    CHECK(pepper.bytes() == deriveKey(master, KeyPurpose::PinPepper).bytes());
    CHECK(pepper.bytes() != audit.bytes());
    CHECK(pepper.bytes() != master.bytes());
    CHECK(audit.bytes() != master.bytes());
    CHECK(pepper.purpose() == KeyPurpose::PinPepper);
    CHECK(purposeContext(KeyPurpose::PinPepper).size() == 8);
    CHECK(purposeContext(KeyPurpose::AuditMac).size() == 8);
    CHECK(purposeContext(KeyPurpose::PinPepper) != purposeContext(KeyPurpose::AuditMac));

    const SecretKey other = SecretKey::generate();
    CHECK(deriveKey(other, KeyPurpose::PinPepper).bytes() != pepper.bytes());
    CHECK(keyId(master).size() == 16);
    CHECK(keyId(master) == keyId(SecretKey(raw)));
    CHECK(keyId(master) != keyId(other));

    SecretKey moved = SecretKey(raw);
    SecretKey into = std::move(moved);
    CHECK(into.bytes() == raw);
    CHECK(moved.bytes() == KeyBytes{});  // NOLINT(bugprone-use-after-move): the moved-from key is wiped
}

TEST_CASE("a fresh data folder gets a new 0600 key in a 0700 folder, read back unchanged later", "[config]") {
    TempDir t;
    const fs::path file = t.path / "cfg" / "briefing-kiosk" / "secret.key";
    const fs::path data = t.path / "data";
    const LoadedSecret first = loadSecretFile(file, "default", true, data, SecretCreation::IfNoStoreYet);
    CHECK(first.created);
    CHECK(first.file == file);
    CHECK(fs::file_size(file) == kSecretKeyBytes);
    CHECK(modeOf(file) == 0600);
    CHECK(modeOf(file.parent_path()) == 0700);
    CHECK(modeOf(file.parent_path().parent_path()) == 0700);
    // No temporary file is left beside it.
    CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);

    const LoadedSecret again = loadSecretFile(file, "default", true, data, SecretCreation::IfNoStoreYet);
    CHECK_FALSE(again.created);
    CHECK(again.key.bytes() == first.key.bytes());
    CHECK(keyId(again.key) == keyId(first.key));
}

TEST_CASE("a missing key is never created over an existing store or backups", "[config]") {
    TempDir t;
    const fs::path file = t.path / "cfg" / "secret.key";
    const fs::path data = t.path / "data";
    SECTION("the store") { writeBytes(data / "attendance.db", "SQLite format 3", 0600); }
    SECTION("only its WAL") { writeBytes(data / "attendance.db-wal", "wal", 0600); }
    SECTION("a damaged store kept aside") { writeBytes(data / "attendance.db.damaged-20250101T000000Z", "x", 0600); }
    SECTION("only a backup") { writeBytes(data / "backups" / "attendance-20250101T000000Z.db", "x", 0600); }
    REQUIRE(dataFolderHasStore(data));
    try {
        loadSecretFile(file, "default", true, data, SecretCreation::IfNoStoreYet);
        FAIL("a key was created over an existing store");
    } catch (const SecretError& e) {
        CHECK(e.kind() == Kind::WouldOrphanStore);
        CHECK_THAT(e.what(), Catch::Contains(file.string()) && Catch::Contains(data.string()) &&
                                 Catch::Contains("briefing secret create"));
    }
    CHECK_FALSE(fs::exists(file));
    // A command that may not create a key says the same: the key is missing for a store that needs it.
    CHECK(refusal([&] { loadSecretFile(file, "default", true, data, SecretCreation::Never); }, file) ==
          Kind::WouldOrphanStore);
    // The deliberate way: `briefing secret create`.
    CHECK(loadSecretFile(file, "default", true, data, SecretCreation::EvenWithStore).created);
    CHECK(modeOf(file) == 0600);
}

TEST_CASE("an empty data folder or one with unrelated files has no store", "[config]") {
    TempDir t;
    CHECK_FALSE(dataFolderHasStore(t.path / "missing"));
    writeBytes(t.path / "data" / "kiosk-starts", "1\n", 0600);
    fs::create_directories(t.path / "data" / "backups");
    CHECK_FALSE(dataFolderHasStore(t.path / "data"));
}

TEST_CASE("without permission to create, a missing key is an error naming the file", "[config]") {
    TempDir t;
    const fs::path file = t.path / "cfg" / "secret.key";
    CHECK(refusal([&] { loadSecretFile(file, "default", true, t.path / "data", SecretCreation::Never); }, file) ==
          Kind::Missing);
    // A systemd credential is never created, whatever the caller allows.
    CHECK(refusal([&] {
              loadSecretFile(file, "systemd credential", false, t.path / "data", SecretCreation::IfNoStoreYet);
          }, file) == Kind::Missing);
    CHECK_FALSE(fs::exists(file));
}

TEST_CASE("a key file readable by group or others, of the wrong size or all zero is refused", "[config]") {
    TempDir t;
    const fs::path file = t.path / "secret.key";
    const fs::path data = t.path / "data";
    const auto load = [&] { loadSecretFile(file, "test", true, data, SecretCreation::IfNoStoreYet); };
    writeBytes(file, k32, 0640);
    CHECK(refusal(load, file) == Kind::Unsafe);
    writeBytes(file, k32, 0604);
    CHECK(refusal(load, file) == Kind::Unsafe);
    writeBytes(file, k32, 0620);
    CHECK(refusal(load, file) == Kind::Unsafe);
    writeBytes(file, std::string(31, 'k'), 0600);
    CHECK(refusal(load, file) == Kind::WrongSize);
    writeBytes(file, std::string(33, 'k'), 0600);
    CHECK(refusal(load, file) == Kind::WrongSize);
    writeBytes(file, "", 0600);
    CHECK(refusal(load, file) == Kind::WrongSize);  // e.g. a creation killed half-way by hand
    writeBytes(file, std::string(32, '\0'), 0600);
    CHECK(refusal(load, file) == Kind::WrongSize);
    writeBytes(file, k32, 0400);
    CHECK(loadSecretFile(file, "test", true, data, SecretCreation::Never).key.bytes()[0] == 'k');
    // A refused file is never replaced by a new key.
    writeBytes(file, std::string(31, 'k'), 0600);
    CHECK(refusal(load, file) == Kind::WrongSize);
    CHECK(fs::file_size(file) == 31);
}

TEST_CASE("a systemd credential readable through an ACL (group bits set) is accepted", "[config]") {
    // systemd 252 gives the unit's user read access by an ACL entry where the file system has ACLs: the
    // ACL mask then shows as group bits (0440). The credential's folder is the access control.
    TempDir t;
    const fs::path cred = t.path / "creds" / "briefing-secret";
    writeBytes(cred, k32, 0440);
    CHECK(loadSecretFile(cred, "systemd credential", false, t.path / "data", SecretCreation::Never).key.bytes()[0] == 'k');
    // The same file anywhere else is refused.
    CHECK(refusal([&] { loadSecretFile(cred, "kiosk.toml", true, t.path / "data", SecretCreation::Never); }, cred) ==
          Kind::Unsafe);
    // Size and content are checked for a credential too.
    writeBytes(cred, std::string(16, 'k'), 0400);
    CHECK(refusal([&] { loadSecretFile(cred, "systemd credential", false, t.path / "data", SecretCreation::Never); },
                  cred) == Kind::WrongSize);
}

TEST_CASE("a key file that is not a regular file is refused", "[config]") {
    TempDir t;
    const fs::path dir = t.path / "secret.key";
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0700);
    const auto kind = refusal([&] { loadSecretFile(dir, "test", true, t.path / "data", SecretCreation::Never); }, dir);
    CHECK((kind == Kind::Unsafe || kind == Kind::Unreadable));
    const fs::path fifo = t.path / "fifo.key";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(refusal([&] { loadSecretFile(fifo, "test", true, t.path / "data", SecretCreation::Never); }, fifo) ==
          Kind::Unsafe);
}

TEST_CASE("a key file owned by another user is refused", "[config]") {
    if (::geteuid() != 0) {
        WARN("not root: cannot make a file owned by another user; skipped");
        return;
    }
    TempDir t;
    const fs::path file = t.path / "secret.key";
    writeBytes(file, k32, 0600);
    REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
    CHECK(refusal([&] { loadSecretFile(file, "test", true, t.path / "data", SecretCreation::Never); }, file) ==
          Kind::Unsafe);
}

TEST_CASE("the key file is never inside the data folder, not even through a symlink", "[config]") {
    TempDir t;
    const fs::path data = t.path / "data";
    const fs::path inside = data / "secret.key";
    CHECK(refusal([&] { loadSecretFile(inside, "test", true, data, SecretCreation::IfNoStoreYet); }, inside) ==
          Kind::Unsafe);
    CHECK_FALSE(fs::exists(inside));
    writeBytes(data / "keys" / "real.key", k32, 0600);
    const fs::path link = t.path / "cfg" / "secret.key";
    fs::create_directories(link.parent_path());
    fs::create_symlink(data / "keys" / "real.key", link);
    CHECK(refusal([&] { loadSecretFile(link, "test", true, data, SecretCreation::Never); }, link) == Kind::Unsafe);
    // A data folder named through a symlink is recognised too.
    fs::create_symlink(data, t.path / "data-link");
    CHECK(refusal([&] { loadSecretFile(data / "keys" / "real.key", "test", true, t.path / "data-link",
                                       SecretCreation::Never); },
                  data / "keys" / "real.key") == Kind::Unsafe);
    // A sibling folder whose name merely starts with the data folder's is fine.
    writeBytes(t.path / "data-keys" / "secret.key", k32, 0600);
    CHECK_NOTHROW(loadSecretFile(t.path / "data-keys" / "secret.key", "test", true, data, SecretCreation::Never));
}

TEST_CASE("settings: --secret-file > systemd credential > kiosk.toml > ~/.config default", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    auto s = resolveSettings({}, env);
    CHECK(s.secretFile == t.path / "xdg-config" / "briefing-kiosk" / "secret.key");
    CHECK(s.shown.at("secret_file").origin == "default");
    CHECK_FALSE(s.secretFileIsCredential);

    env.xdgConfigHome.reset();
    CHECK(resolveSettings({}, env).secretFile == t.path / "home" / ".config" / "briefing-kiosk" / "secret.key");

    writeBytes(env.systemConfigFile, "secret_file = \"/etc/briefing-kiosk/secret.key\"\n", 0644);
    s = resolveSettings({}, env);
    CHECK(s.secretFile == "/etc/briefing-kiosk/secret.key");
    CHECK(s.shown.at("secret_file").origin == env.systemConfigFile.string() + ":1");

    // The credential counts only when systemd actually passed it.
    env.credentialsDirectory = (t.path / "creds").string();
    CHECK(resolveSettings({}, env).secretFile == "/etc/briefing-kiosk/secret.key");
    writeBytes(t.path / "creds" / "briefing-secret", k32, 0400);
    s = resolveSettings({}, env);
    CHECK(s.secretFile == t.path / "creds" / "briefing-secret");
    CHECK(s.secretFileIsCredential);
    CHECK_THAT(s.shown.at("secret_file").origin, Catch::Contains("CREDENTIALS_DIRECTORY"));

    Overrides flags;
    flags.secretFile = t.path / "mine.key";
    s = resolveSettings(flags, env);
    CHECK(s.secretFile == t.path / "mine.key");
    CHECK_FALSE(s.secretFileIsCredential);
    CHECK(s.shown.at("secret_file").origin == "flag --secret-file");

    // A relative secret_file is relative to the kiosk.toml that names it.
    writeBytes(t.path / "conf" / "kiosk.toml", "secret_file = \"keys/k\"\n", 0644);
    flags = {};
    flags.configFile = t.path / "conf" / "kiosk.toml";
    env.credentialsDirectory.reset();
    CHECK(resolveSettings(flags, env).secretFile == t.path / "conf" / "keys" / "k");
}

TEST_CASE("loadSecret uses the settings' location and refuses to create a credential", "[config]") {
    TempDir t;
    auto env = testEnv(t);
    env.credentialsDirectory = (t.path / "creds").string();
    writeBytes(t.path / "creds" / "briefing-secret", k32, 0400);
    Overrides flags;
    flags.dataDir = t.path / "data";
    const Settings s = resolveSettings(flags, env);
    const LoadedSecret loaded = loadSecret(s, SecretCreation::IfNoStoreYet);
    CHECK(loaded.file == t.path / "creds" / "briefing-secret");
    CHECK_FALSE(loaded.created);
    fs::remove(t.path / "creds" / "briefing-secret");
    Settings gone = s;  // as if the credential vanished after settings were resolved
    CHECK(refusal([&] { loadSecret(gone, SecretCreation::IfNoStoreYet); }, gone.secretFile) == Kind::Missing);
}
