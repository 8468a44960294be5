// Crash-loop protection: the kiosk records each start in the data folder and, after 10 starts within
// 60 s, shows an "out of order" screen instead of flapping. Layer: kiosk/config (files only, no UI).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::config {

inline constexpr const char* kStartHistoryFileName = "kiosk-starts";
inline constexpr int kCrashLoopStarts = 10;                     // this many starts ...
inline constexpr std::chrono::seconds kCrashLoopWindow{60};     // ... within this long is a crash loop
inline constexpr std::size_t kMaxRecordedStarts = 32;           // the file never holds more
inline constexpr std::size_t kMaxStartHistoryBytes = 64 * 1024; // larger files are not read beyond this

using StartTime = std::chrono::system_clock::time_point;

// Pure: true when at least kCrashLoopStarts of `starts` lie in (now - kCrashLoopWindow, now]. Starts in
// the future (the clock went back) are not counted.
bool isCrashLoop(const std::vector<StartTime>& starts, StartTime now);

// Pure: the starts a history file's text holds. Unparseable lines are skipped (a corrupt file is treated
// as holding only what can still be read), so garbage never throws.
std::vector<StartTime> parseStartHistory(std::string_view text);
std::string formatStartHistory(const std::vector<StartTime>& starts);

// The start history of one data folder (file kStartHistoryFileName). Not thread-safe. Nothing here
// throws: an unreadable or unwritable file must never stop the kiosk, so problems come back as text.
class StartHistory {
public:
    explicit StartHistory(std::filesystem::path dataDir);

    // Reads the file (missing or garbage: no earlier starts), adds `now`, drops starts in the future and
    // keeps the newest kMaxRecordedStarts, then rewrites the file atomically (temp file, fsync, rename).
    // Returns nullopt, or a one-line problem naming the file when it could not be written (the start
    // still counts for crashLoop in this process).
    std::optional<std::string> recordStart(StartTime now);

    // True when the starts known to this object (after recordStart) form a crash loop at `now`.
    bool crashLoop(StartTime now) const;

    // A clean exit: forget the recorded starts and remove the file. nullopt or a problem, as above.
    std::optional<std::string> clear();

    const std::vector<StartTime>& starts() const { return m_starts; }
    std::filesystem::path file() const { return m_dataDir / kStartHistoryFileName; }

private:
    std::filesystem::path m_dataDir;
    std::vector<StartTime> m_starts;  // oldest first, at most kMaxRecordedStarts
};

}  // namespace kiosk::config
