// The installation's secret key: one 32-byte random master secret per installation, kept OUTSIDE the data
// folder, from which purpose keys (the PIN pepper, the audit MAC key) are derived. Layer: kiosk/config.
//
// Where it is found (Settings::secretFile, resolved by resolveSettings in the settings order):
//   1. --secret-file FILE                                 (command-line flag)
//   2. $CREDENTIALS_DIRECTORY/briefing-secret              (systemd LoadCredential= in the packaged unit)
//   3. secret_file = "..." in kiosk.toml                   (the package: /etc/briefing-kiosk/secret.key)
//   4. $XDG_CONFIG_HOME/briefing-kiosk/secret.key          (default ~/.config/briefing-kiosk/secret.key)
//
// The file holds exactly kSecretKeyBytes raw random bytes (`head -c 32 /dev/urandom`), is a regular file
// owned by the reading user or root, and has no group or other permission bits (0600 or 0400; a systemd
// credential is exempt from the mode check, see loadSecretFile).
//
// Creation rule (so a fresh key never silently orphans a store's PIN hashes and audit chain): a missing
// key file is created (0600, atomically: temp file + link, never overwriting) only when the data folder
// holds no store yet: no attendance.db (nor its -wal/-journal) and no backup in backups/. Otherwise
// loading fails with SecretError naming the missing file and the store; `briefing secret create` is the
// explicit, deliberate way to start a new key for an existing store (its PINs must then be set again).
// A key from the systemd credential is never created. The key file is never inside the data folder
// (a copied data folder or a backup must not carry it).
//
// Loading is an explicit early step: the caller (main of each program) calls loadSecret() once, before
// dropping privileges or opening the store, and passes the key (or derived keys) down. Nothing here reads
// the key lazily or keeps it in a global. Thread-safe (no shared state); key objects are plain values.
#pragma once

#include "kiosk/config/settings.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::config {

inline constexpr std::size_t kSecretKeyBytes = 32;  // == crypto_kdf_KEYBYTES
inline constexpr const char* kSecretCredentialName = "briefing-secret";
inline constexpr const char* kSecretFileName = "secret.key";

using KeyBytes = std::array<unsigned char, kSecretKeyBytes>;

// What a derived key is for. Each purpose has its own 8-byte libsodium KDF context, so keys for different
// purposes are independent: knowing one says nothing about the master secret or the others.
enum class KeyPurpose {
    PinPepper,  // context "bkpinpep": keys the officer PIN hashes (kiosk/officer)
    AuditMac,   // context "bkaudmac": keys the audit chain's MACs and its anchor (kiosk/records)
};

// The purpose's name for messages ("PIN pepper", "audit MAC key"), and its 8-character KDF context.
std::string_view purposeName(KeyPurpose purpose);
std::string_view purposeContext(KeyPurpose purpose);

// The master secret. Move-only (there is one per process, held by main); the bytes are wiped with
// sodium_memzero when it is destroyed or moved from.
class SecretKey {
public:
    explicit SecretKey(const KeyBytes& bytes);
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey();

    // A fresh random key (randombytes_buf); for tests and `secret create`.
    static SecretKey generate();

    const KeyBytes& bytes() const { return m_bytes; }

private:
    KeyBytes m_bytes{};
};

// A key derived for one purpose. Copyable (several components may each hold one, e.g. the kiosk's UI and
// worker store connections); every copy wipes its bytes on destruction.
class PurposeKey {
public:
    PurposeKey(KeyPurpose purpose, const KeyBytes& bytes);
    PurposeKey(const PurposeKey& other) = default;
    PurposeKey& operator=(const PurposeKey& other) = default;
    ~PurposeKey();

    KeyPurpose purpose() const { return m_purpose; }
    const KeyBytes& bytes() const { return m_bytes; }

private:
    KeyPurpose m_purpose;
    KeyBytes m_bytes{};
};

// crypto_kdf_derive_from_key(32 bytes, subkey id 1, purposeContext(purpose), master). Deterministic.
PurposeKey deriveKey(const SecretKey& master, KeyPurpose purpose);

// A short public identifier of the master key: 16 hex digits of a BLAKE2b hash of a subkey derived with
// its own context ("bkkeyid_"). Safe to store or print (it reveals nothing about the key); lets a store
// record which key it was set up with and a message tell "another key" from "wrong PIN".
std::string keyId(const SecretKey& master);

// Why the key could not be loaded. Every kind is an environment problem (exit 3); what() is one line
// naming the file (and, for WouldOrphanStore, the store).
class SecretError : public std::runtime_error {
public:
    enum class Kind {
        Missing,           // no key file, no store in the data folder, and creating a key is not allowed
        WouldOrphanStore,  // no key file, but the data folder already holds a store or backups (any mode
                           // but EvenWithStore): the message says to put the key back
        Unsafe,            // group/other permissions, foreign owner, not a regular file, inside the data folder
        WrongSize,         // not exactly kSecretKeyBytes bytes (or all zero bytes)
        Unreadable,        // open/read failed (e.g. EACCES when not run as the key's owner)
        NotCreated,        // creating it failed (folder not writable, disk full)
    };
    SecretError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

enum class SecretCreation {
    Never,             // read-only commands: a missing key is SecretError::Missing
    IfNoStoreYet,      // normal start: create the key when the data folder holds no store and no backups
    EvenWithStore,     // `briefing secret create`: the operator chose to start a new key for this store
};

struct LoadedSecret {
    SecretKey key;
    std::filesystem::path file;  // the file it was read from (or created)
    std::string origin;          // where that location came from, as `briefing config show` says it
    bool created = false;        // true when this call created the file
};

// Reads (or, as `creation` allows, creates) the key at settings.secretFile, checking it against
// settings.dataDir. Throws SecretError (see the kinds). Creating makes missing parent folders 0700.
LoadedSecret loadSecret(const Settings& settings, SecretCreation creation);

// The same with the location given explicitly (what loadSecret uses; for tests and tools).
// `mayCreateAtLocation` is false for a systemd credential: it is never created (a read-only folder), and
// its group/other mode bits are not checked, since systemd gives the unit's user access either as owner
// (mode 0400) or through an ACL entry, which shows as group bits (0440), in a folder only that user and
// root can enter.
LoadedSecret loadSecretFile(const std::filesystem::path& file, const std::string& origin, bool mayCreateAtLocation,
                            const std::filesystem::path& dataDir, SecretCreation creation);

// True when `dataDir` holds a store or backups that a new key would orphan (the creation rule above).
bool dataFolderHasStore(const std::filesystem::path& dataDir);

}  // namespace kiosk::config
