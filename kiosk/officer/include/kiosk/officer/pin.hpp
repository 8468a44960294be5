// Officer PINs: the rule (6+ ASCII digits, not a weak pattern) and peppered Argon2id hashing through
// libsodium. Layer: kiosk/officer. Thread-safe; hashing costs ~0.1 s and 64 MB per call (interactive limits).
//
// Stored form: "$argon2id$v=19$m=...,t=...,p=1$<salt>$<hash>$pepper=<16 hex>". The Argon2id input is not
// the PIN but BLAKE2b-256 keyed with the installation's PIN pepper (config::KeyPurpose::PinPepper) over
// the PIN, so a copied store or backup cannot be cracked offline without the key file; the suffix names
// which pepper (a public id, see pepperId). A hash without the suffix (set before PINs were peppered) or
// with another pepper's id is never verified: the PIN must be set again (see pinHashProblem).
#pragma once

#include "kiosk/config/secrets.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::officer {

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 64;

// A PIN that breaks the rule, or libsodium failing (out of memory). what() is one line for people.
class PinError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Empty when `pin` is acceptable, else why not, e.g. "the PIN must be at least 6 digits" or "the PIN is
// too easy to guess: it repeats one digit". Refused as weak: one digit repeated (000000), a short block
// repeated (121212, 123123), a run up or down the digits (123456, 987654, 890123) and a short deny-list of
// keypad patterns and common PINs. Never echoes the PIN.
std::string pinProblem(std::string_view pin);

// Only the format part of the rule (digits, length): what verification needs, since weak PINs set before
// the weak-PIN rule still unlock until they are changed.
std::string pinFormatProblem(std::string_view pin);

// The public id of a pepper written into each hash: 16 hex digits of BLAKE2b keyed with the pepper over a
// fixed label. Reveals nothing about the pepper.
std::string pepperId(const config::PurposeKey& pepper);

// The stored form above. Throws PinError for a PIN breaking pinProblem, a key of another purpose, or when
// libsodium cannot hash.
std::string hashPin(std::string_view pin, const config::PurposeKey& pepper);

// Empty when `hash` is a peppered Argon2id hash made with `pepper`, else why it cannot be checked:
// "set before PINs were keyed to this installation" or "set with another secret key". Cheap; never
// looks at a PIN.
std::string pinHashProblem(const std::string& hash, const config::PurposeKey& pepper);

// Constant-time check of `pin` against a stored hash (crypto_pwhash_str_verify on the peppered input).
// False for a malformed hash or one pinHashProblem refuses.
bool verifyPin(const std::string& hash, std::string_view pin, const config::PurposeKey& pepper);

// True when `hash` is an Argon2id hash string ("$argon2id$...", peppered or not).
bool isArgon2idHash(std::string_view hash);

// Overwrites a string holding a PIN (sodium_memzero) and clears it.
void wipe(std::string& secret);

}  // namespace kiosk::officer
