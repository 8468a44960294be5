// Start history for crash-loop protection: tolerant parsing, bounded atomic rewrite. Layer: kiosk/config.
#include "kiosk/config/start_history.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk::config {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr std::string_view kHeader = "briefing-kiosk starts v1 (ms since 1970 UTC)";

std::optional<std::string> writeAtomically(const fs::path& file, const std::string& bytes) {
    // A fixed name: a start killed between create and rename leaves at most this one file behind, and the
    // next start overwrites it (two kiosks on one folder could interleave, which parsing tolerates).
    const fs::path tmp = file.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return "start history " + file.string() + " cannot be written: " + std::strerror(errno);
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size() && err == 0) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno != EINTR) err = errno;
        if (n > 0) done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    ::close(fd);
    if (err == 0 && ::rename(tmp.c_str(), file.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        return "start history " + file.string() + " cannot be written: " + std::strerror(err);
    }
    return std::nullopt;
}

std::string readBounded(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string text(kMaxStartHistoryBytes, '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    text.resize(got);
    return text;
}

}  // namespace

bool isCrashLoop(const std::vector<StartTime>& starts, StartTime now) {
    const auto recent = std::count_if(starts.begin(), starts.end(),
                                      [&](StartTime t) { return t <= now && now - t < kCrashLoopWindow; });
    return recent >= kCrashLoopStarts;
}

std::vector<StartTime> parseStartHistory(std::string_view text) {
    std::vector<StartTime> starts;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        long long ms = 0;
        const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), ms);
        // Whole-line numbers only, and nothing before 2000 or absurdly far ahead (garbage, not a time).
        if (ec != std::errc{} || end != line.data() + line.size()) continue;
        if (ms < 946684800000LL || ms > 32503680000000LL) continue;
        starts.push_back(StartTime(milliseconds(ms)));
    }
    std::sort(starts.begin(), starts.end());
    if (starts.size() > kMaxRecordedStarts) starts.erase(starts.begin(), starts.end() - kMaxRecordedStarts);
    return starts;
}

std::string formatStartHistory(const std::vector<StartTime>& starts) {
    std::string out(kHeader);
    out += '\n';
    for (const StartTime t : starts) {
        out += std::to_string(std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count());
        out += '\n';
    }
    return out;
}

StartHistory::StartHistory(fs::path dataDir) : m_dataDir(std::move(dataDir)) {}

std::optional<std::string> StartHistory::recordStart(StartTime now) {
    m_starts = parseStartHistory(readBounded(file()));
    // Starts "after" now mean the clock went back: they cannot be ordered against now, so drop them.
    std::erase_if(m_starts, [&](StartTime t) { return t > now; });
    m_starts.push_back(now);
    if (m_starts.size() > kMaxRecordedStarts) m_starts.erase(m_starts.begin(), m_starts.end() - kMaxRecordedStarts);
    return writeAtomically(file(), formatStartHistory(m_starts));
}

bool StartHistory::crashLoop(StartTime now) const { return isCrashLoop(m_starts, now); }

std::optional<std::string> StartHistory::clear() {
    m_starts.clear();
    if (::unlink(file().c_str()) != 0 && errno != ENOENT) {
        return "start history " + file().string() + " cannot be removed: " + std::strerror(errno);
    }
    return std::nullopt;
}

}  // namespace kiosk::config
