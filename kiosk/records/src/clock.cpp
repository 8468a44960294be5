// UTC ISO 8601 formatting/parsing, Europe/London display (GMT/BST by the UK rule), UUID v4.
// Layer: kiosk/records. GCC 12's libstdc++ has no time-zone database, so the UK rule is coded here:
// BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
#include "kiosk/records/clock.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace kiosk::records {
namespace {

using namespace std::chrono;

struct Civil {
    int y;
    unsigned m, d, hh, mm, ss, ms;
};

Civil civil(TimePoint t) {
    const auto ms = time_point_cast<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day ymd{day};
    const auto rest = ms - day;
    const auto total = rest.count();
    return {int(ymd.year()),           unsigned(ymd.month()),         unsigned(ymd.day()),
            unsigned(total / 3600000), unsigned(total / 60000 % 60), unsigned(total / 1000 % 60),
            unsigned(total % 1000)};
}

sys_days lastSunday(int y, unsigned m) {
    const sys_days final = year_month_day_last{year{y}, month_day_last{month{m}}};
    return final - (weekday{final} - Sunday);
}

bool isBst(TimePoint t) {
    const int y = int(year_month_day{floor<days>(t)}.year());
    const auto start = lastSunday(y, 3) + hours{1};
    const auto end = lastSunday(y, 10) + hours{1};
    return t >= start && t < end;
}

TimePoint toLondon(TimePoint t) { return isBst(t) ? t + hours{1} : t; }

}  // namespace

std::string toUtcIso(TimePoint t) {
    const Civil c = civil(t);
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", c.y, c.m, c.d, c.hh, c.mm, c.ss,
                  c.ms);
    return buf.data();
}

std::string utcStamp(TimePoint t) {
    const Civil c = civil(t);
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d%02u%02uT%02u%02u%02u.%03uZ", c.y, c.m, c.d, c.hh, c.mm, c.ss, c.ms);
    return buf.data();
}

std::string toLondonDisplay(TimePoint t) {
    const Civil c = civil(toLondon(t));
    std::array<char, 48> buf{};
    std::snprintf(buf.data(), buf.size(), "%02u/%02u/%04d %02u:%02u %s", c.d, c.m, c.y, c.hh, c.mm,
                  isBst(t) ? "BST" : "GMT");
    return buf.data();
}

std::string londonDisplayFromIso(const std::string& iso) {
    TimePoint t;
    return parseUtcIso(iso, t) ? toLondonDisplay(t) : iso;
}

std::string londonDate(TimePoint t) {
    const Civil c = civil(toLondon(t));
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf.data();
}

bool parseUtcIso(const std::string& iso, TimePoint& out) {
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    int n = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u.%3uZ%n", &y, &mo, &d, &h, &mi, &s, &ms, &n) != 7 ||
        std::size_t(n) != iso.size()) {
        return false;
    }
    const year_month_day ymd{year{y}, month{mo}, day{d}};
    // system_clock counts nanoseconds in 64 bits: years outside 1678..2261 would overflow it.
    if (!ymd.ok() || y < 1970 || y > 2200 || h > 23 || mi > 59 || s > 60) return false;
    out = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    return true;
}

bool isDate(const std::string& s) {
    int y = 0;
    unsigned m = 0, d = 0;
    int n = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%n", &y, &m, &d, &n) != 3 || n != 10) return false;
    return year_month_day{year{y}, month{m}, day{d}}.ok();
}

std::string uuidV4() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0x0f];
    }
    return out;
}

bool isUuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace kiosk::records
