// The audit chain head outside the store: attendance.db-head (rows + last MAC + chain id, sealed with the
// audit key) and the same head in each backup's backup_meta table. Layer: kiosk/records.
#include "store_impl.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHeadMagic = "briefing-kiosk audit chain head 1";

std::string headText(const AuditKey& key, const ChainHead& head) {
    return std::string(kHeadMagic) + "\nchain " + head.chain + "\nrows " + std::to_string(head.rows) + "\nmac " +
           head.mac + "\nseal " + sealHead(key, head) + "\n";
}

}  // namespace

std::optional<ChainHead> readHeadFile(const fs::path& file, const AuditKey& key, std::string& problem) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        problem = errno == ENOENT ? "the chain head " + file.string() +
                                        " is missing (it is kept outside the store; deleting it hides a cut log)"
                                  : "the chain head " + file.string() + " cannot be read: " + std::strerror(errno);
        return std::nullopt;
    }
    std::string text(4096, '\0');
    const ssize_t n = ::read(fd, text.data(), text.size());
    ::close(fd);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    std::istringstream in(text);
    std::string magic, word, seal;
    ChainHead head;
    std::getline(in, magic);
    const bool parsed = magic == kHeadMagic && (in >> word >> head.chain) && word == "chain" &&
                        (in >> word >> head.rows) && word == "rows" && (in >> word >> head.mac) && word == "mac" &&
                        (in >> word >> seal) && word == "seal" && head.rows >= 1;
    if (!parsed || seal != sealHead(key, head)) {
        problem = "the chain head " + file.string() + " is damaged or was not written with this program's key";
        return std::nullopt;
    }
    return head;
}

void writeHeadFile(const fs::path& file, const AuditKey& key, const ChainHead& head) {
    const fs::path dir = file.parent_path();
    const fs::path tmp = tempPath(dir, std::string(kStoreTempPrefix) + "head-");
    const std::string text = headText(key, head);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (ok) ok = ::rename(tmp.c_str(), file.c_str()) == 0 && fsyncPath(dir, true);
    if (!ok) {
        ::unlink(tmp.c_str());
        throw StoreError(StoreFault::NotSaved, "the audit chain head " + file.string() + " could not be written: " +
                                                   std::strerror(err ? err : errno));
    }
}

void updateAuditHead(Store::Impl& impl) {
    impl.auditAppended = false;
    if (!impl.lock || !impl.lock->tryHead(2000)) {
        std::cerr << "briefing: the audit chain head was not updated: another program holds it\n";
        return;
    }
    struct Release {
        FolderLock& lock;
        ~Release() { lock.endHead(); }
    } release{*impl.lock};
    try {
        const auto head = chainHeadOf(impl.db);
        if (!head) return;
        std::string problem;
        // Writers in other processes update it too: only move it forward within a chain. A head of another
        // chain is replaced only by a store whose log is sealed under the same key (a fresh store after a
        // damaged one was moved aside with its own head).
        const auto current = readHeadFile(impl.headFile(), impl.key, problem);
        if (current && current->chain == head->chain && current->rows >= head->rows) return;
        writeHeadFile(impl.headFile(), impl.key, *head);
    } catch (const std::exception& e) {
        // The row is committed; a lagging head is accepted by verification and caught up by the next write.
        std::cerr << "briefing: the audit chain head was not updated: " << e.what() << '\n';
    }
}

void writeBackupMeta(SQLite::Database& backup, const AuditKey& key, const ChainHead& head, const std::string& takenAt) {
    backup.exec("CREATE TABLE IF NOT EXISTS backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    SQLite::Statement ins(backup, "INSERT OR REPLACE INTO backup_meta (key, value) VALUES (?, ?)");
    const std::pair<const char*, std::string> rows[] = {{"chain", head.chain},
                                                        {"audit_rows", std::to_string(head.rows)},
                                                        {"audit_mac", head.mac},
                                                        {"seal", sealHead(key, head)},
                                                        {"taken_at", takenAt}};
    for (const auto& [k, value] : rows) {
        ins.reset();
        ins.bind(1, k);
        ins.bind(2, value);
        ins.exec();
    }
}

std::optional<ChainHead> readBackupMeta(SQLite::Database& backup, const AuditKey& key) {
    if (!backup.tableExists("backup_meta")) return std::nullopt;
    SQLite::Statement q(backup, "SELECT key, value FROM backup_meta");
    ChainHead head;
    std::string seal;
    while (q.executeStep()) {
        const std::string k = q.getColumn(0).getString();
        const std::string value = q.getColumn(1).getString();
        if (k == "chain") head.chain = value;
        if (k == "audit_rows") head.rows = std::atoll(value.c_str());
        if (k == "audit_mac") head.mac = value;
        if (k == "seal") seal = value;
    }
    if (head.rows < 1 || seal != sealHead(key, head)) return std::nullopt;
    return head;
}

}  // namespace kiosk::records
