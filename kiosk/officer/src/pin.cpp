// Officer PINs: format rule and Argon2id hashing (libsodium crypto_pwhash_str_alg). Layer: kiosk/officer.
#include "kiosk/officer/pin.hpp"

#include <sodium.h>

#include <algorithm>

namespace kiosk::officer {
namespace {

void initSodium() {
    if (sodium_init() < 0) throw PinError("libsodium could not be initialised");
}

}  // namespace

std::string pinProblem(std::string_view pin) {
    if (pin.empty()) return "the PIN is empty; it must be at least 6 digits";
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "the PIN must be digits only (0-9)";
    }
    if (pin.size() < kMinPinDigits) return "the PIN must be at least 6 digits";
    if (pin.size() > kMaxPinDigits) return "the PIN must be at most 64 digits";
    return {};
}

std::string hashPin(std::string_view pin) {
    if (auto problem = pinProblem(pin); !problem.empty()) throw PinError(problem);
    initSodium();
    char out[crypto_pwhash_STRBYTES] = {};
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw PinError("the PIN could not be hashed (out of memory?)");
    }
    std::string hash(out);
    if (!isArgon2idHash(hash)) throw PinError("libsodium did not produce an Argon2id hash");
    return hash;
}

bool verifyPin(const std::string& hash, std::string_view pin) {
    initSodium();
    if (!isArgon2idHash(hash) || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool isArgon2idHash(std::string_view hash) { return hash.rfind("$argon2id$", 0) == 0; }

void wipe(std::string& secret) {
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
}

}  // namespace kiosk::officer
