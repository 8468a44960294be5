// Errors the attendance store throws: environment faults (exit 3) versus bad input (exit 1).
// Layer: kiosk/records. Every public Store call documents which of these it may throw.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::records {

// Why the store could not do what was asked, for the kiosk to show and `briefing` to map to exit 3.
enum class StoreFault {
    NotSaved,  // disk full or write failed (SQLITE_FULL / SQLITE_IOERR): nothing was saved
    Locked,    // another program holds the store (SQLITE_BUSY / SQLITE_LOCKED)
    Damaged,   // not a database, empty, or integrity_check failed
    TooNew,    // written by a newer program (user_version above ours): never downgraded
    Missing,   // no store where one was required
    Gone,      // attendance.db was deleted, moved or replaced while open: nothing more is saved to it
    Other,     // any other SQLite or file-system failure
};

// An environment problem with the store (exit code 3). what() is one line for people.
class StoreError : public std::runtime_error {
public:
    StoreError(StoreFault fault, const std::string& message) : std::runtime_error(message), m_fault(fault) {}
    StoreFault fault() const noexcept { return m_fault; }

private:
    StoreFault m_fault;
};

// Disk full or write error: the step was NOT saved, the store is unchanged and later writes work once
// space returns, without reopening.
class NotSavedError : public StoreError {
public:
    explicit NotSavedError(const std::string& message) : StoreError(StoreFault::NotSaved, message) {}
};

// An erasure or purge that is saved in the store (the person is gone from it and from the ledger's view)
// but left copies it could not scrub: backups, spool files, exports or temporaries, each named in
// remaining() with why. Running the same command again, or the next kiosk start, finishes it (exit 3).
class ErasureIncompleteError : public StoreError {
public:
    ErasureIncompleteError(const std::string& message, std::vector<std::string> remaining)
        : StoreError(StoreFault::Other, message), m_remaining(std::move(remaining)) {}
    const std::vector<std::string>& remaining() const noexcept { return m_remaining; }

private:
    std::vector<std::string> m_remaining;
};

// Invalid input (exit code 1); the message names the field.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An unknown session, candidate or print job (exit code 1).
class NotFoundError : public InputError {
public:
    using InputError::InputError;
};

}  // namespace kiosk::records
