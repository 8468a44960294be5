// A calendar date (no time zone: the law, review and source-checked dates are whole days). Layer: content.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace content {

struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31
    std::string iso() const;  // "2026-11-01"
    auto operator<=>(const Date&) const = default;
    // Parses "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
    static std::optional<Date> parse(std::string_view s);
    // Today's date in UTC.
    static Date today();
};

}  // namespace content
