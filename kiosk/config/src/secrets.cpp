// The installation's secret key: location checks, loading, first-start creation and purpose keys
// (libsodium crypto_kdf). Layer: kiosk/config.
#include "kiosk/config/secrets.hpp"

#include "kiosk/config/data_dir.hpp"

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::config {
namespace fs = std::filesystem;
namespace {

constexpr const char* kKeyIdContext = "bkkeyid_";

void initSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string errnoText(int err) { return std::strerror(err); }

std::string octal(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
    return buf;
}

// Closes a descriptor on scope exit.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// The absolute form of `p` with symlinks resolved as far as the path exists.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p).lexically_normal() : r;
}

bool isInside(const fs::path& child, const fs::path& folder) {
    const fs::path c = resolved(child), f = resolved(folder);
    auto ci = c.begin();
    for (auto fi = f.begin(); fi != f.end(); ++fi, ++ci) {
        if (fi->empty()) continue;  // a trailing separator
        if (ci == c.end() || *ci != *fi) return false;
    }
    return true;
}

void refuseInsideDataFolder(const fs::path& file, const fs::path& dataDir) {
    if (!dataDir.empty() && isInside(file, dataDir)) {
        throw SecretError(SecretError::Kind::Unsafe,
                          "secret key file " + file.string() + " is inside the data folder " + dataDir.string() +
                              ": keep it outside (a copied data folder or backup must not carry the key)");
    }
}

// Reads and checks an existing key file through one descriptor, so what is checked is what is read.
// Returns false when the file does not exist.
bool readKeyFile(const fs::path& file, KeyBytes& out, bool checkMode) {
    Fd f;
    f.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (f.fd < 0) {
        if (errno == ENOENT) return false;
        const int err = errno;
        throw SecretError(SecretError::Kind::Unreadable,
                          "secret key file " + file.string() + " cannot be read: " + errnoText(err) +
                              (err == EACCES ? " (run briefing as the key's owner or as root)" : ""));
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) {
        throw SecretError(SecretError::Kind::Unreadable,
                          "secret key file " + file.string() + " cannot be read: " + errnoText(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        throw SecretError(SecretError::Kind::Unsafe, "secret key file " + file.string() + " is not a regular file");
    }
    if (checkMode && (st.st_mode & 077) != 0) {
        throw SecretError(SecretError::Kind::Unsafe,
                          "secret key file " + file.string() + " has mode " + octal(st.st_mode) +
                              ": it must not be readable or writable by group or others (chmod 600 " + file.string() +
                              ")");
    }
    if (st.st_uid != ::geteuid() && st.st_uid != 0) {
        throw SecretError(SecretError::Kind::Unsafe, "secret key file " + file.string() + " is owned by uid " +
                                                         std::to_string(st.st_uid) +
                                                         ", neither this user nor root");
    }
    if (st.st_size != static_cast<off_t>(kSecretKeyBytes)) {
        throw SecretError(SecretError::Kind::WrongSize, "secret key file " + file.string() + " holds " +
                                                            std::to_string(st.st_size) + " bytes; it must hold exactly " +
                                                            std::to_string(kSecretKeyBytes) + " random bytes");
    }
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(f.fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            sodium_memzero(out.data(), out.size());
            throw SecretError(SecretError::Kind::Unreadable,
                              "secret key file " + file.string() + " cannot be read: " +
                                  (n < 0 ? errnoText(errno) : std::string("it is shorter than its size says")));
        }
        got += static_cast<std::size_t>(n);
    }
    if (sodium_is_zero(out.data(), out.size())) {
        throw SecretError(SecretError::Kind::WrongSize,
                          "secret key file " + file.string() + " holds only zero bytes; it must hold random bytes");
    }
    return true;
}

void writeAll(int fd, const unsigned char* data, std::size_t size, const fs::path& tmp) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::unlink(tmp.c_str());
            throw SecretError(SecretError::Kind::NotCreated,
                              "secret key file cannot be created: " + tmp.string() + ": " + errnoText(err));
        }
        done += static_cast<std::size_t>(n);
    }
}

// Creates `file` with fresh random bytes: a temporary file beside it (0600, fsynced), then link(2), which
// never replaces an existing file; two first starts at once end up with the same key. Returns false when
// another process created it first.
bool createKeyFile(const fs::path& file) {
    if (auto problem = makePrivateDirectories(file.parent_path()))
        throw SecretError(SecretError::Kind::NotCreated, "secret key file " + file.string() + ": " + *problem);
    KeyBytes bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    const fs::path tmp = file.parent_path() / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(randombytes_random()));
    Fd f;
    f.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (f.fd < 0) {
        sodium_memzero(bytes.data(), bytes.size());
        throw SecretError(SecretError::Kind::NotCreated,
                          "secret key file " + file.string() + " cannot be created: " + errnoText(errno));
    }
    try {
        if (::fchmod(f.fd, 0600) != 0) {
            ::unlink(tmp.c_str());
            throw SecretError(SecretError::Kind::NotCreated,
                              "secret key file " + file.string() + " cannot be created: " + errnoText(errno));
        }
        writeAll(f.fd, bytes.data(), bytes.size(), tmp);
    } catch (...) {
        sodium_memzero(bytes.data(), bytes.size());
        throw;
    }
    sodium_memzero(bytes.data(), bytes.size());
    if (::fsync(f.fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw SecretError(SecretError::Kind::NotCreated,
                          "secret key file " + file.string() + " cannot be created: " + errnoText(err));
    }
    ::close(f.fd);
    f.fd = -1;
    const bool linked = ::link(tmp.c_str(), file.c_str()) == 0;
    const int linkErr = errno;
    ::unlink(tmp.c_str());
    if (!linked && linkErr != EEXIST) {
        throw SecretError(SecretError::Kind::NotCreated,
                          "secret key file " + file.string() + " cannot be created: " + errnoText(linkErr));
    }
    Fd dir;
    dir.fd = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd >= 0) ::fsync(dir.fd);
    return linked;
}

}  // namespace

std::string_view purposeName(KeyPurpose purpose) {
    switch (purpose) {
        case KeyPurpose::PinPepper: return "PIN pepper";
        case KeyPurpose::AuditMac: return "audit MAC key";
    }
    return "unknown purpose";
}

std::string_view purposeContext(KeyPurpose purpose) {
    switch (purpose) {
        case KeyPurpose::PinPepper: return "bkpinpep";
        case KeyPurpose::AuditMac: return "bkaudmac";
    }
    return "bkunknwn";
}

SecretKey::SecretKey(const KeyBytes& bytes) : m_bytes(bytes) {}

SecretKey::SecretKey(SecretKey&& other) noexcept : m_bytes(other.m_bytes) {
    sodium_memzero(other.m_bytes.data(), other.m_bytes.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        m_bytes = other.m_bytes;
        sodium_memzero(other.m_bytes.data(), other.m_bytes.size());
    }
    return *this;
}

SecretKey::~SecretKey() { sodium_memzero(m_bytes.data(), m_bytes.size()); }

SecretKey SecretKey::generate() {
    initSodium();
    KeyBytes bytes{};
    crypto_kdf_keygen(bytes.data());
    SecretKey key(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return key;
}

PurposeKey::PurposeKey(KeyPurpose purpose, const KeyBytes& bytes) : m_purpose(purpose), m_bytes(bytes) {}

PurposeKey::~PurposeKey() { sodium_memzero(m_bytes.data(), m_bytes.size()); }

PurposeKey deriveKey(const SecretKey& master, KeyPurpose purpose) {
    static_assert(kSecretKeyBytes == crypto_kdf_KEYBYTES);
    initSodium();
    KeyBytes sub{};
    const std::string context(purposeContext(purpose));
    if (crypto_kdf_derive_from_key(sub.data(), sub.size(), 1, context.c_str(), master.bytes().data()) != 0) {
        throw std::runtime_error("libsodium could not derive the " + std::string(purposeName(purpose)));
    }
    PurposeKey key(purpose, sub);
    sodium_memzero(sub.data(), sub.size());
    return key;
}

std::string keyId(const SecretKey& master) {
    initSodium();
    KeyBytes sub{};
    if (crypto_kdf_derive_from_key(sub.data(), sub.size(), 1, kKeyIdContext, master.bytes().data()) != 0) {
        throw std::runtime_error("libsodium could not derive the key id");
    }
    unsigned char digest[8];
    crypto_generichash(digest, sizeof digest, sub.data(), sub.size(), nullptr, 0);
    sodium_memzero(sub.data(), sub.size());
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool dataFolderHasStore(const fs::path& dataDir) {
    std::error_code ec;
    // The store, its WAL or journal, a damaged store kept aside (INTERFACES.md: attendance.db*), or a backup.
    for (fs::directory_iterator it(dataDir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename().string().rfind("attendance.db", 0) == 0) return true;
    }
    for (fs::directory_iterator it(dataDir / "backups", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find("attendance") != std::string::npos) return true;
    }
    return false;
}

LoadedSecret loadSecretFile(const fs::path& file, const std::string& origin, bool mayCreateAtLocation,
                            const fs::path& dataDir, SecretCreation creation) {
    const bool fromCredential = !mayCreateAtLocation;
    initSodium();
    if (file.empty()) {
        throw SecretError(SecretError::Kind::Missing,
                          "no secret key file location: set HOME or XDG_CONFIG_HOME, secret_file in kiosk.toml, or "
                          "give --secret-file");
    }
    refuseInsideDataFolder(file, dataDir);
    KeyBytes bytes{};
    bool created = false;
    if (!readKeyFile(file, bytes, !fromCredential)) {
        const bool mayCreate = !fromCredential && creation != SecretCreation::Never;
        if (creation != SecretCreation::EvenWithStore && dataFolderHasStore(dataDir)) {
            throw SecretError(SecretError::Kind::WouldOrphanStore,
                              "secret key file " + file.string() + " (" + origin +
                                  ") does not exist, but the data folder " + dataDir.string() +
                                  " already holds a store: put the installation's key file back (a new key would "
                                  "make every officer PIN and the audit chain unverifiable), or run `briefing secret "
                                  "create` to start a new key and then set every PIN again");
        }
        if (!mayCreate) {
            throw SecretError(SecretError::Kind::Missing,
                              "secret key file " + file.string() + " (" + origin + ") does not exist");
        }
        created = createKeyFile(file);
        if (!readKeyFile(file, bytes, true)) {
            throw SecretError(SecretError::Kind::NotCreated,
                              "secret key file " + file.string() + " vanished right after it was created");
        }
    }
    // Checked again now that the file exists: a symlink could lead into the data folder.
    refuseInsideDataFolder(file, dataDir);
    LoadedSecret out{SecretKey(bytes), file, origin, created};
    sodium_memzero(bytes.data(), bytes.size());
    return out;
}

LoadedSecret loadSecret(const Settings& settings, SecretCreation creation) {
    const auto it = settings.shown.find("secret_file");
    const std::string origin = it == settings.shown.end() ? std::string("default") : it->second.origin;
    return loadSecretFile(settings.secretFile, origin, !settings.secretFileIsCredential, settings.dataDir, creation);
}

}  // namespace kiosk::config
