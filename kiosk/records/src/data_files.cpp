// The store's files in the data folder: durable renames, hidden temporaries, the folder lock and the
// WAL check. Layer: kiosk/records.
#include "data_files.hpp"

#include "kiosk/records/errors.hpp"

#include <sodium.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

bool fsyncPath(const fs::path& p, bool directory) {
    const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    errno = err;
    return ok;
}

void durableRename(const fs::path& from, const fs::path& to) {
    fs::rename(from, to);
    const fs::path dir = to.has_parent_path() ? to.parent_path() : fs::path(".");
    if (!fsyncPath(dir, true)) {
        throw fs::filesystem_error("cannot sync the folder after renaming", dir, std::error_code(errno, std::generic_category()));
    }
}

fs::path tempPath(const fs::path& dir, const std::string& prefix) {
    if (sodium_init() < 0) throw StoreError(StoreFault::Other, "libsodium could not be initialised");
    std::array<unsigned char, 6> b{};
    randombytes_buf(b.data(), b.size());
    std::array<char, 13> hex{};
    sodium_bin2hex(hex.data(), hex.size(), b.data(), b.size());
    return dir / (prefix + hex.data());
}

bool removeDatabaseFiles(const fs::path& file, std::string& problem) {
    bool ok = true;
    for (const char* suffix : {"", "-journal", kWalSuffix, kShmSuffix}) {
        const fs::path p = file.string() + suffix;
        if (::unlink(p.c_str()) != 0 && errno != ENOENT) {
            problem = p.string() + ": " + std::strerror(errno);
            ok = false;
        }
    }
    return ok;
}

std::vector<fs::path> listFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    const auto st = fs::symlink_status(dir, ec);
    if (ec || !fs::exists(st)) return out;
    if (!fs::is_directory(st)) throw StoreError(StoreFault::Other, dir.string() + " is not a folder");
    fs::directory_iterator it(dir, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code sec;
        if (it->is_regular_file(sec) && !it->is_symlink(sec)) out.push_back(it->path());
    }
    if (ec) throw StoreError(StoreFault::Other, "cannot list " + dir.string() + ": " + ec.message());
    return out;
}

std::vector<fs::path> hiddenTemporaries(const fs::path& dataDir) {
    std::vector<fs::path> out;
    for (const auto& p : listFiles(dataDir)) {
        if (p.filename().string().rfind(kStoreTempPrefix, 0) == 0) out.push_back(p);
    }
    for (const auto& p : listFiles(dataDir / kBackupsFolder)) {
        if (p.filename().string().rfind(kBackupTempPrefix, 0) == 0) out.push_back(p);
    }
    return out;
}

FolderLock::FolderLock(const fs::path& dataDir, bool create) : m_file(dataDir / (std::string("attendance.db") + kLockSuffix)) {
    m_fd = ::open(m_file.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
    if (m_fd < 0 && !create) m_fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (m_fd < 0 && create) {
        throw StoreError(StoreFault::Other, "cannot open the lock file " + m_file.string() + ": " + std::strerror(errno));
    }
}

FolderLock::~FolderLock() {
    if (m_fd >= 0) ::close(m_fd);
}

bool FolderLock::lockByte(int byte, short type, int timeoutMs) {
    if (m_fd < 0) return true;
    struct flock fl {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = byte;
    fl.l_len = 1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        if (::fcntl(m_fd, F_OFD_SETLK, &fl) == 0) return true;
        if (errno == EBADF && type == F_WRLCK) return false;  // a read-only lock file cannot be write-locked
        if (errno != EAGAIN && errno != EACCES && errno != EINTR) return true;  // no locking here: carry on
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

bool FolderLock::tryExclusiveUse() { return lockByte(0, F_WRLCK, 0); }
bool FolderLock::sharedUse(int timeoutMs) { return lockByte(0, F_RDLCK, timeoutMs); }
bool FolderLock::tryMaintenance(int timeoutMs) { return lockByte(1, F_WRLCK, timeoutMs); }
void FolderLock::endMaintenance() { lockByte(1, F_UNLCK, 0); }
bool FolderLock::tryHead(int timeoutMs) { return lockByte(2, F_WRLCK, timeoutMs); }
void FolderLock::endHead() { lockByte(2, F_UNLCK, 0); }

FolderLock::Maintenance::Maintenance(FolderLock& lock, int timeoutMs, const std::string& what) : m_lock(lock) {
    if (!m_lock.tryMaintenance(timeoutMs)) {
        throw StoreError(StoreFault::Locked, what + ": another program is backing up, restoring or cleaning the "
                                                    "data folder (" + m_lock.m_file.parent_path().string() +
                                                    "); try again in a moment");
    }
}

FolderLock::Maintenance::~Maintenance() { m_lock.endMaintenance(); }

namespace {

constexpr std::uint32_t kWalMagic = 0x377f0682;
constexpr std::size_t kWalHeader = 32;
constexpr std::size_t kFrameHeader = 24;

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}
std::uint32_t le32(const unsigned char* p) {
    return (std::uint32_t(p[3]) << 24) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[1]) << 8) | std::uint32_t(p[0]);
}

// SQLite's WAL checksum (wal.c walChecksumBytes): words big-endian when the magic's low bit is set.
void walChecksum(bool bigEndian, const unsigned char* data, std::size_t n, std::array<std::uint32_t, 2>& s) {
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        const std::uint32_t a = bigEndian ? be32(data + i) : le32(data + i);
        const std::uint32_t b = bigEndian ? be32(data + i + 4) : le32(data + i + 4);
        s[0] += a + s[1];
        s[1] += b + s[0];
    }
}

// Frame i's checksum computed from `seed`; true when it matches the checksum stored in its header.
bool frameChecks(bool bigEndian, const unsigned char* frame, std::size_t pageSize, std::array<std::uint32_t, 2> seed,
                 std::array<std::uint32_t, 2>* out) {
    walChecksum(bigEndian, frame, 8, seed);
    walChecksum(bigEndian, frame + kFrameHeader, pageSize, seed);
    if (out) *out = seed;
    return seed[0] == be32(frame + 16) && seed[1] == be32(frame + 20);
}

}  // namespace

std::optional<std::string> walLostCommits(const fs::path& wal) {
    const int fd = ::open(wal.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;  // no WAL: nothing to replay
    std::string bytes;
    std::array<char, 65536> buf{};
    ssize_t n = 0;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) bytes.append(buf.data(), static_cast<std::size_t>(n));
    ::close(fd);
    if (bytes.size() < kWalHeader) return std::nullopt;  // empty or a header never finished: no commit in it
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::uint32_t magic = be32(b);
    const std::uint32_t pageSize = be32(b + 8);
    const bool bigEndian = (magic & 1) != 0;
    const bool sizeOk = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) == 0;
    const std::size_t frameSize = kFrameHeader + pageSize;
    std::array<std::uint32_t, 2> sum{0, 0};
    walChecksum(bigEndian, b, 24, sum);
    const bool headerOk = (magic & ~1u) == kWalMagic && sizeOk && sum[0] == be32(b + 24) && sum[1] == be32(b + 28);
    if (!headerOk) {
        // SQLite ignores a WAL whose header is damaged. That loses nothing only when no frame follows.
        if (bytes.size() >= kWalHeader + kFrameHeader + 512) {
            return "its write-ahead log " + wal.string() + " has a damaged header in front of " +
                   std::to_string(bytes.size() - kWalHeader) + " bytes of frames";
        }
        return std::nullopt;
    }
    const std::uint32_t salt1 = be32(b + 16), salt2 = be32(b + 20);
    const std::size_t frames = (bytes.size() - kWalHeader) / frameSize;
    std::size_t i = 0;
    for (; i < frames; ++i) {
        const unsigned char* f = b + kWalHeader + i * frameSize;
        if (be32(f) == 0 || be32(f + 8) != salt1 || be32(f + 12) != salt2) break;
        if (!frameChecks(bigEndian, f, pageSize, sum, &sum)) break;
    }
    // Frame i is where SQLite stops. A stale frame from before the last WAL reset carries other salts; a
    // frame of this WAL's generation whose checksum follows from its predecessor's stored checksum, and
    // that ends a transaction, is a commit SQLite would never replay.
    for (std::size_t j = i + 1; j < frames; ++j) {
        const unsigned char* prev = b + kWalHeader + (j - 1) * frameSize;
        const unsigned char* f = b + kWalHeader + j * frameSize;
        if (be32(f) == 0 || be32(f + 8) != salt1 || be32(f + 12) != salt2 || be32(f + 4) == 0) continue;
        if (frameChecks(bigEndian, f, pageSize, {be32(prev + 16), be32(prev + 20)}, nullptr)) {
            return "its write-ahead log " + wal.string() + " is damaged at frame " + std::to_string(i + 1) +
                   ", and frame " + std::to_string(j + 1) + " after it ends a committed transaction";
        }
    }
    return std::nullopt;
}

}  // namespace kiosk::records
