// Officer PINs: the rule (format and weak patterns) and peppered Argon2id hashing (libsodium
// crypto_generichash + crypto_pwhash_str_alg). Layer: kiosk/officer.
#include "kiosk/officer/pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace kiosk::officer {
namespace {

constexpr std::string_view kPepperSuffix = "$pepper=";
constexpr std::string_view kPepperIdLabel = "briefing-kiosk officer PIN pepper id";

// Keypad shapes and PINs that top published frequency lists of 6-digit PINs (Wang et al. 2017; Markert et
// al. 2020) and that the repeat and run rules below do not already catch.
constexpr std::array<std::string_view, 20> kDenyList = {
    "112233", "123321", "159753", "159357", "147258", "147852", "258369", "258456", "369258", "741852",
    "753951", "789456", "852456", "963852", "102030", "121314", "123654", "654123", "112211", "332211",
};

void initSodium() {
    if (sodium_init() < 0) throw PinError("libsodium could not be initialised");
}

bool repeatsShortBlock(std::string_view pin) {
    for (std::size_t period = 1; period <= pin.size() / 2; ++period) {
        bool repeats = true;
        for (std::size_t i = period; i < pin.size() && repeats; ++i) repeats = pin[i] == pin[i - period];
        if (repeats) return true;
    }
    return false;
}

// Every step one up (or every step one down), wrapping 9 -> 0: 123456, 987654, 890123.
bool runsInSequence(std::string_view pin) {
    bool up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        const int step = ((pin[i] - pin[i - 1]) + 10) % 10;
        up = up && step == 1;
        down = down && step == 9;
    }
    return up || down;
}

// BLAKE2b-256 keyed with the pepper over the PIN: what Argon2id hashes. The output is as secret as the
// pepper, so without the key file no guess of the PIN can even be tried against a stored hash.
std::array<unsigned char, 32> pepperedInput(std::string_view pin, const config::PurposeKey& pepper) {
    if (pepper.purpose() != config::KeyPurpose::PinPepper) throw PinError("PINs must be keyed with the PIN pepper");
    std::array<unsigned char, 32> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(pin.data()), pin.size(),
                       pepper.bytes().data(), pepper.bytes().size());
    return out;
}

}  // namespace

std::string pinFormatProblem(std::string_view pin) {
    if (pin.empty()) return "the PIN is empty; it must be at least 6 digits";
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "the PIN must be digits only (0-9)";
    }
    if (pin.size() < kMinPinDigits) return "the PIN must be at least 6 digits";
    if (pin.size() > kMaxPinDigits) return "the PIN must be at most 64 digits";
    return {};
}

std::string pinProblem(std::string_view pin) {
    if (auto problem = pinFormatProblem(pin); !problem.empty()) return problem;
    const char* const weak = "the PIN is too easy to guess: ";
    if (std::all_of(pin.begin(), pin.end(), [&](char c) { return c == pin.front(); })) {
        return std::string(weak) + "it repeats one digit; choose another";
    }
    if (repeatsShortBlock(pin)) return std::string(weak) + "it repeats a short pattern; choose another";
    if (runsInSequence(pin)) return std::string(weak) + "its digits run in sequence; choose another";
    if (std::find(kDenyList.begin(), kDenyList.end(), pin) != kDenyList.end()) {
        return std::string(weak) + "it is a common PIN or keypad pattern; choose another";
    }
    return {};
}

std::string pepperId(const config::PurposeKey& pepper) {
    initSodium();
    unsigned char id[8];
    crypto_generichash(id, sizeof id, reinterpret_cast<const unsigned char*>(kPepperIdLabel.data()),
                       kPepperIdLabel.size(), pepper.bytes().data(), pepper.bytes().size());
    char hex[sizeof id * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    return hex;
}

std::string hashPin(std::string_view pin, const config::PurposeKey& pepper) {
    if (auto problem = pinProblem(pin); !problem.empty()) throw PinError(problem);
    initSodium();
    auto input = pepperedInput(pin, pepper);
    char out[crypto_pwhash_STRBYTES] = {};
    const int rc = crypto_pwhash_str_alg(out, reinterpret_cast<const char*>(input.data()), input.size(),
                                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                         crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(input.data(), input.size());
    if (rc != 0) throw PinError("the PIN could not be hashed (out of memory?)");
    std::string hash(out);
    if (!isArgon2idHash(hash)) throw PinError("libsodium did not produce an Argon2id hash");
    return hash + std::string(kPepperSuffix) + pepperId(pepper);
}

std::string pinHashProblem(const std::string& hash, const config::PurposeKey& pepper) {
    const auto at = hash.rfind(kPepperSuffix);
    if (!isArgon2idHash(hash) || at == std::string::npos) {
        return "its PIN was set before PINs were keyed to this installation's secret key";
    }
    if (hash.compare(at + kPepperSuffix.size(), std::string::npos, pepperId(pepper)) != 0) {
        return "its PIN was set with another secret key than this installation's";
    }
    return {};
}

bool verifyPin(const std::string& hash, std::string_view pin, const config::PurposeKey& pepper) {
    initSodium();
    if (!pinHashProblem(hash, pepper).empty() || !pinFormatProblem(pin).empty()) return false;
    const std::string argon = hash.substr(0, hash.rfind(kPepperSuffix));
    if (argon.size() >= crypto_pwhash_STRBYTES) return false;
    auto input = pepperedInput(pin, pepper);
    const bool ok =
        crypto_pwhash_str_verify(argon.c_str(), reinterpret_cast<const char*>(input.data()), input.size()) == 0;
    sodium_memzero(input.data(), input.size());
    return ok;
}

bool isArgon2idHash(std::string_view hash) { return hash.rfind("$argon2id$", 0) == 0; }

void wipe(std::string& secret) {
    if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
    secret.clear();
}

}  // namespace kiosk::officer
