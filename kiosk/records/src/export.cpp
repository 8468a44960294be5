// Roster and subject-access exports: RFC 4180 CSV with formula-injection neutralised, JSON, and the
// atomic file writer. Layer: kiosk/records.
#include "kiosk/records/export.hpp"

#include "kiosk/records/clock.hpp"
#include "kiosk/records/errors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk::records {

namespace fs = std::filesystem;

std::string csvCell(std::string_view value) {
    std::string cell;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) cell += '\'';
    cell += value;
    if (cell.find_first_of("\",\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string jsonString(std::string_view value) {
    std::string out = "\"";
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += "; ";
        out += s;
    }
    return out;
}

void csvRow(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += csvCell(cells[i]);
    }
    out += "\r\n";
}

std::string optionalJson(const std::optional<std::string>& v) { return v ? jsonString(*v) : "null"; }

std::string stringArray(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + jsonString(items[i]);
    return out + "]";
}

std::string answersJson(const std::vector<Answer>& answers, const std::string& indent) {
    std::string out = "[";
    for (std::size_t i = 0; i < answers.size(); ++i) {
        out += (i ? ",\n" : "\n") + indent + "  {\"question\": " + jsonString(answers[i].question) +
               ", \"answer\": " + jsonString(answers[i].answer) + "}";
    }
    return out + (answers.empty() ? "]" : "\n" + indent + "]");
}

std::string sessionJson(const Session& s) {
    return "{\"id\": " + jsonString(s.id) + ", \"date\": " + jsonString(s.date) + ", \"venue\": " +
           jsonString(s.venue) + ", \"officer\": " + jsonString(s.officer) + ", \"force\": " + jsonString(s.force) +
           ", \"status\": " + jsonString(s.status) + ", \"walk_in\": " + (s.walkIn ? "true" : "false") + "}";
}

}  // namespace

std::string rosterCsv(const Session& session, const std::vector<RosterEntry>& rows) {
    std::string out;
    csvRow(out, {"session_id", "session_date", "venue", "candidate_id", "name", "constituency", "email", "phone",
                 "language", "checked_in_london", "checked_in_utc", "kiosk_id", "modules_completed", "pack_status"});
    for (const auto& r : rows) {
        csvRow(out, {session.id, session.date, session.venue, r.candidateId, r.name, r.constituency,
                     r.email.value_or(""), r.phone.value_or(""), r.language, londonDisplayFromIso(r.checkedInAt),
                     r.checkedInAt, r.kioskId, joined(r.modulesCompleted), r.packStatus});
    }
    return out;
}

std::string rosterJson(const Session& session, const std::vector<RosterEntry>& rows) {
    std::string out = "{\n  \"session\": " + sessionJson(session) + ",\n  \"attendees\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        out += std::string(i ? ",\n" : "\n") + "    {\"candidate_id\": " + jsonString(r.candidateId) +
               ", \"name\": " + jsonString(r.name) + ", \"constituency\": " + jsonString(r.constituency) +
               ", \"email\": " + optionalJson(r.email) + ", \"phone\": " + optionalJson(r.phone) +
               ", \"language\": " + jsonString(r.language) + ", \"checked_in_utc\": " + jsonString(r.checkedInAt) +
               ", \"checked_in_london\": " + jsonString(londonDisplayFromIso(r.checkedInAt)) +
               ", \"kiosk_id\": " + jsonString(r.kioskId) + ", \"modules_completed\": " +
               stringArray(r.modulesCompleted) + ", \"pack_status\": " + jsonString(r.packStatus) + "}";
    }
    out += rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string subjectJson(const SubjectRecord& r) {
    std::string out = "{\n";
    out += "  \"candidate_id\": " + jsonString(r.candidateId) + ",\n";
    out += "  \"name\": " + jsonString(r.name) + ",\n";
    out += "  \"constituency\": " + jsonString(r.constituency) + ",\n";
    out += "  \"email\": " + optionalJson(r.email) + ",\n";
    out += "  \"phone\": " + optionalJson(r.phone) + ",\n";
    out += "  \"preferred_language\": " + jsonString(r.language) + ",\n";
    out += "  \"consent\": {\"privacy_notice_version\": " + jsonString(r.consentNoticeVersion) +
           ", \"at_utc\": " + jsonString(r.consentAt) + "},\n";
    out += "  \"created_utc\": " + jsonString(r.createdAt) + ",\n";
    out += "  \"check_ins\": [";
    for (std::size_t i = 0; i < r.visits.size(); ++i) {
        out += std::string(i ? ",\n" : "\n") + "    {\"checked_in_utc\": " + jsonString(r.visits[i].checkedInAt) +
               ", \"kiosk_id\": " + jsonString(r.visits[i].kioskId) + ", \"session\": " +
               sessionJson(r.visits[i].session) + "}";
    }
    out += r.visits.empty() ? "],\n" : "\n  ],\n";
    out += "  \"modules\": [";
    for (std::size_t i = 0; i < r.modules.size(); ++i) {
        out += std::string(i ? ",\n" : "\n") + "    {\"module_id\": " + jsonString(r.modules[i].moduleId) +
               ", \"completed_utc\": " + jsonString(r.modules[i].completedAt) +
               ", \"answers\": " + answersJson(r.modules[i].answers, "    ") + "}";
    }
    out += r.modules.empty() ? "],\n" : "\n  ],\n";
    if (r.safetyPlan) {
        out += "  \"safety_plan\": {\"keep\": " + std::string(r.safetyPlan->keep ? "true" : "false") +
               ", \"updated_utc\": " + jsonString(r.safetyPlan->updatedAt) +
               ", \"answers\": " + answersJson(r.safetyPlan->answers, "  ") + "},\n";
    } else {
        out += "  \"safety_plan\": null,\n";
    }
    out += "  \"pack_prints\": [";
    for (std::size_t i = 0; i < r.printJobs.size(); ++i) {
        const auto& j = r.printJobs[i];
        out += std::string(i ? ",\n" : "\n") + "    {\"job_id\": " + jsonString(j.id) + ", \"state\": " +
               jsonString(printStateKey(j.state)) + ", \"attempts\": " + std::to_string(j.attempts) +
               ", \"destination\": " + jsonString(j.destination) + ", \"last_error\": " + jsonString(j.lastError) +
               ", \"created_utc\": " + jsonString(j.createdAt) + ", \"updated_utc\": " + jsonString(j.updatedAt) + "}";
    }
    out += r.printJobs.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

void writeFileAtomically(const fs::path& file, std::string_view bytes) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const fs::path tmp = dir / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()));
    auto fail = [&](const std::string& why, int err) {
        ::unlink(tmp.c_str());
        const std::string msg = file.string() + ": " + why + ": " + std::strerror(err);
        if (err == ENOSPC || err == EDQUOT || err == EIO) throw NotSavedError(msg + " (not saved)");
        throw StoreError(StoreFault::Other, msg);
    };
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) fail("cannot create a file in " + dir.string(), errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            fail("cannot write", err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail("cannot write", err);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), file.c_str()) != 0) fail("cannot rename into place", errno);
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace kiosk::records
