// Officer PINs: the format rule (6+ ASCII digits) and Argon2id hashing through libsodium.
// Layer: kiosk/officer. Thread-safe; hashing costs ~0.1 s and 64 MB per call (interactive limits).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::officer {

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 64;

// A PIN that breaks the format rule, or libsodium failing (out of memory). what() is one line for people.
class PinError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Empty when `pin` is acceptable, else why not ("the PIN must be at least 6 digits"). Never echoes the PIN.
std::string pinProblem(std::string_view pin);

// crypto_pwhash_str_alg with Argon2id and at least the interactive limits: "$argon2id$v=19$m=...".
// Throws PinError for an invalid PIN or when libsodium cannot hash.
std::string hashPin(std::string_view pin);

// Constant-time check of `pin` against a stored hash (crypto_pwhash_str_verify). False for a malformed hash.
bool verifyPin(const std::string& hash, std::string_view pin);

// True when `hash` is an Argon2id hash string ("$argon2id$...").
bool isArgon2idHash(std::string_view hash);

// Overwrites a string holding a PIN (sodium_memzero) and clears it.
void wipe(std::string& secret);

}  // namespace kiosk::officer
