// Printers: the spool folder and CUPS through libcups 2.4 IPP requests. Layer: print.
#include "print/printer.hpp"

#include <cups/cups.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <memory>
#include <regex>
#include <stdexcept>

#include <unistd.h>

#include "cups_http.hpp"
#include "print/pack.hpp"

namespace print {

using detail::HttpPtr;

namespace detail {

// A private connection per call: libcups' default connection is per thread and follows global settings.
HttpPtr connectCups(const std::string& server, int timeoutMs) {
    std::string host = server.empty() ? cupsServer() : server;
    int port = ippPort();
    if (!host.empty() && host[0] != '/') {
        const auto colon = host.rfind(':');
        if (colon != std::string::npos && host.find(']') == std::string::npos) {
            port = std::atoi(host.c_str() + colon + 1);
            host.resize(colon);
        }
    }
    HttpPtr http(httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, timeoutMs,
                              nullptr),
                 &httpClose);
    // Also bounds each request's wait for an answer, so a hung scheduler costs seconds, not minutes.
    if (http) httpSetTimeout(http.get(), std::max(1, timeoutMs / 1000), nullptr, nullptr);
    return http;
}

}  // namespace detail

namespace {

std::string hexOf(const std::string& jobId) {
    std::string hex;
    for (char c : jobId) {
        if (c == '-') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return hex.size() == 32 ? hex : std::string();
}

}  // namespace

std::string cupsJobName(const std::string& jobId) {
    const std::string hex = hexOf(jobId);
    if (hex.empty()) throw std::invalid_argument("print job id '" + jobId + "' is not a UUID");
    return "briefing-pack-" + hex;
}

const char* conditionKey(PrinterCondition c) {
    switch (c) {
        case PrinterCondition::Ready: return "ready";
        case PrinterCondition::Stopped: return "stopped";
        case PrinterCondition::Rejecting: return "rejecting";
        case PrinterCondition::Unreachable: return "unreachable";
        case PrinterCondition::NeedsAttention: return "needs-attention";
        case PrinterCondition::NoSuchQueue: return "no-such-queue";
        case PrinterCondition::SchedulerDown: return "scheduler-down";
    }
    return "scheduler-down";
}

std::string PrinterStatus::describe() const {
    std::string out;
    switch (condition) {
        case PrinterCondition::Ready: out = "ready"; break;
        case PrinterCondition::Stopped: out = "stopped"; break;
        case PrinterCondition::Rejecting: out = "not accepting jobs"; break;
        case PrinterCondition::Unreachable: out = "not reachable"; break;
        case PrinterCondition::NeedsAttention: out = "needs attention"; break;
        case PrinterCondition::NoSuchQueue: out = "no such printer queue"; break;
        case PrinterCondition::SchedulerDown: out = "the print server (CUPS) is not running or not reachable"; break;
    }
    if (!reasons.empty() && condition != PrinterCondition::Ready) out += " (" + reasons + ")";
    if (!message.empty() && condition != PrinterCondition::Ready) out += ": " + message;
    return out;
}

const char* phaseKey(JobPhase p) {
    switch (p) {
        case JobPhase::Waiting: return "waiting";
        case JobPhase::Printing: return "printing";
        case JobPhase::Completed: return "completed";
        case JobPhase::Cancelled: return "cancelled";
        case JobPhase::Aborted: return "aborted";
        case JobPhase::Missing: return "missing";
        case JobPhase::Unknown: return "unknown";
    }
    return "unknown";
}

JobObservation Printer::observe(int cupsJobId) {
    JobObservation o;
    o.cupsJobId = cupsJobId;
    o.phase = JobPhase::Missing;
    return o;
}

std::optional<std::vector<JobObservation>> Printer::findJobs(const std::string&) {
    return std::vector<JobObservation>{};
}

bool Printer::purge(int) { return true; }

// ---- Spool folder ----

SpoolFolderPrinter::SpoolFolderPrinter(std::filesystem::path folder) : m_folder(std::move(folder)) {}

std::string SpoolFolderPrinter::describe() const { return "spool folder " + m_folder.string(); }

PrinterStatus SpoolFolderPrinter::status() {
    PrinterStatus st;
    std::error_code ec;
    // The spool folder holds personal data: 0700 when we make it (its parent, the data folder, exists).
    if (::mkdir(m_folder.c_str(), 0700) != 0 && errno != EEXIST) ec = std::error_code(errno, std::generic_category());
    if (std::filesystem::is_directory(m_folder, ec) && ::access(m_folder.c_str(), W_OK | X_OK) == 0) {
        st.condition = PrinterCondition::Ready;
    } else {
        st.condition = PrinterCondition::NeedsAttention;
        st.message = "the spool folder " + m_folder.string() + " cannot be written";
    }
    return st;
}

Submission SpoolFolderPrinter::submit(const PrintJob& job, const std::function<void(int)>&) {
    Submission out;
    // The job id names the file: refuse anything that could leave the folder.
    if (hexOf(job.jobId).empty()) {
        out.message = "invalid job id '" + job.jobId + "'";
        return out;
    }
    const auto path = m_folder / (job.jobId + ".pdf");
    try {
        // The spool folder holds personal data: 0700 when we make it (its parent, the data folder, exists).
        if (::mkdir(m_folder.c_str(), 0700) != 0 && errno != EEXIST) {
            out.message = "cannot create the spool folder " + m_folder.string() + ": " + std::strerror(errno);
            out.condition = PrinterCondition::NeedsAttention;
            return out;
        }
        writeFileAtomically(path, job.pdf);
        out.result = SubmitResult::Completed;
        out.message = path.string();
    } catch (const std::exception& e) {
        out.message = e.what();
        out.condition = PrinterCondition::NeedsAttention;
    }
    return out;
}

std::optional<std::vector<JobObservation>> SpoolFolderPrinter::findJobs(const std::string& jobId) {
    std::vector<JobObservation> out;
    std::error_code ec;
    if (!hexOf(jobId).empty() && std::filesystem::is_regular_file(m_folder / (jobId + ".pdf"), ec)) {
        JobObservation o;
        o.phase = JobPhase::Completed;
        out.push_back(o);
    }
    return out;
}

int removeStaleSpoolTemporaries(const std::filesystem::path& folder, std::chrono::seconds olderThan) {
    namespace fs = std::filesystem;
    static const std::regex kTemporary(R"(\.[0-9a-fA-F-]+\.pdf\.[A-Za-z0-9]{6})");
    const auto cutoff = fs::file_time_type::clock::now() - olderThan;
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code statEc;
        if (!it->is_regular_file(statEc) || !std::regex_match(p.filename().string(), kTemporary)) continue;
        const auto written = fs::last_write_time(p, statEc);
        if (statEc || written > cutoff) continue;
        if (fs::remove(p, statEc)) ++removed;
    }
    return removed;
}

// ---- CUPS ----

namespace {

using IppPtr = std::unique_ptr<ipp_t, decltype(&ippDelete)>;

std::string uriFor(const char* fmt, const std::string& arg) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), fmt, arg.c_str());
    return uri;
}

std::string printerUri(const std::string& queue) { return uriFor("/printers/%s", queue); }
std::string jobUri(int id) { return uriFor("/jobs/%s", std::to_string(id)); }

ipp_t* newRequest(ipp_op_t op) {
    ipp_t* req = ippNewRequest(op);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    return req;
}

bool ok() { return cupsLastError() <= IPP_STATUS_OK_CONFLICTING; }

std::string strings(ipp_t* resp, const char* name, const char* sep = ", ") {
    std::string out;
    ipp_attribute_t* a = ippFindAttribute(resp, name, IPP_TAG_ZERO);
    for (int i = 0; a && i < ippGetCount(a); ++i) {
        const char* v = ippGetString(a, i, nullptr);
        if (!v || !*v || std::string_view(v) == "none") continue;
        if (!out.empty()) out += sep;
        out += v;
    }
    return out;
}

bool hasReason(const std::string& reasons, std::string_view prefix) {
    for (std::size_t start = 0; start < reasons.size();) {
        auto end = reasons.find(", ", start);
        if (end == std::string::npos) end = reasons.size();
        if (std::string_view(reasons).substr(start, end - start).substr(0, prefix.size()) == prefix) return true;
        start = end + 2;
    }
    return false;
}

// Reasons that mean the device is not there: nothing was or can be delivered.
bool connectingReasons(const std::string& reasons) {
    return hasReason(reasons, "connecting-to-device") || hasReason(reasons, "offline") ||
           hasReason(reasons, "timed-out") || hasReason(reasons, "shutdown");
}

// CUPS 2.4's socket backend sets no state reason while it cannot connect (it retries for a week): only a
// printer-state-message. These are its messages, and those of the lpd and ipp backends, while nothing has
// been delivered (cupsd runs backends in its own locale: English on a stock kiosk).
bool notDeliveringMessage(const std::string& message) {
    for (const char* m : {"Connecting to printer", "The printer may not exist or is unavailable at this time",
                          "The printer is unreachable at this time", "The printer is in use",
                          "The printer is not responding", "The printer is busy",
                          "Waiting for printer to become available", "Unable to locate printer",
                          "Unable to contact printer"})
        if (message.find(m) != std::string::npos) return true;
    return false;
}

// Reasons a person at the printer has to fix (IPP printer-state-reasons keywords, any severity suffix).
bool attentionReasons(const std::string& reasons) {
    for (const char* r : {"media-empty", "media-jam", "media-needed", "door-open", "cover-open", "toner-empty",
                          "marker-supply-empty", "input-tray-missing", "output-area-full", "output-tray-missing",
                          "interlock-open", "fuser-over-temp"})
        if (hasReason(reasons, r)) return true;
    return reasons.find("-error") != std::string::npos;
}

JobObservation observationFrom(ipp_t* resp, int id) {
    JobObservation o;
    o.cupsJobId = id;
    ipp_attribute_t* state = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
    if (!state) {
        o.phase = JobPhase::Unknown;
        return o;
    }
    switch (static_cast<ipp_jstate_t>(ippGetInteger(state, 0))) {
        case IPP_JSTATE_PENDING:
        case IPP_JSTATE_HELD: o.phase = JobPhase::Waiting; break;
        case IPP_JSTATE_PROCESSING:
        case IPP_JSTATE_STOPPED: o.phase = JobPhase::Printing; break;
        case IPP_JSTATE_COMPLETED: o.phase = JobPhase::Completed; break;
        case IPP_JSTATE_CANCELED: o.phase = JobPhase::Cancelled; break;
        case IPP_JSTATE_ABORTED: o.phase = JobPhase::Aborted; break;
    }
    if (ipp_attribute_t* n = ippFindAttribute(resp, "number-of-documents", IPP_TAG_INTEGER))
        o.hasDocument = ippGetInteger(n, 0) > 0;
    o.reasons = strings(resp, "job-state-reasons");
    const std::string message = strings(resp, "job-printer-state-message");
    o.connecting = connectingReasons(o.reasons) || notDeliveringMessage(message);
    if (!message.empty()) o.reasons += (o.reasons.empty() ? "" : "; ") + message;
    return o;
}

const char* const kJobAttributes[] = {"job-id", "job-name", "job-state", "job-state-reasons",
                                      "job-printer-state-message", "number-of-documents"};

}  // namespace

CupsPrinter::CupsPrinter(CupsSettings settings) : m_settings(std::move(settings)) {}

std::string CupsPrinter::describe() const {
    return "CUPS queue " + m_settings.queue + (m_settings.server.empty() ? "" : " on " + m_settings.server);
}

PrinterStatus CupsPrinter::status() {
    PrinterStatus st;
    HttpPtr http = detail::connectCups(m_settings.server, m_settings.connectTimeoutMs);
    if (!http) {
        st.message = "cannot connect to " + (m_settings.server.empty() ? std::string(cupsServer()) : m_settings.server);
        return st;
    }
    ipp_t* req = newRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    const std::string uri = printerUri(m_settings.queue);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    static const char* const kWanted[] = {"printer-state", "printer-state-reasons", "printer-state-message",
                                          "printer-is-accepting-jobs"};
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, kWanted);
    IppPtr resp(cupsDoRequest(http.get(), req, "/"), &ippDelete);
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
        st.condition = PrinterCondition::NoSuchQueue;
        st.message = "the print server has no queue named " + m_settings.queue;
        return st;
    }
    if (!resp || !ok()) {
        st.message = cupsLastErrorString();
        return st;
    }
    st.reasons = strings(resp.get(), "printer-state-reasons");
    st.message = strings(resp.get(), "printer-state-message", "; ");
    ipp_attribute_t* state = ippFindAttribute(resp.get(), "printer-state", IPP_TAG_ENUM);
    ipp_attribute_t* accepting = ippFindAttribute(resp.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    st.connecting = hasReason(st.reasons, "connecting-to-device") ||
                    (state && ippGetInteger(state, 0) == IPP_PSTATE_PROCESSING && notDeliveringMessage(st.message));
    if (state && ippGetInteger(state, 0) == IPP_PSTATE_STOPPED) {
        st.condition = PrinterCondition::Stopped;
    } else if (accepting && !ippGetBoolean(accepting, 0)) {
        st.condition = PrinterCondition::Rejecting;
    } else if (hasReason(st.reasons, "offline") || hasReason(st.reasons, "timed-out") ||
               hasReason(st.reasons, "shutdown")) {
        st.condition = PrinterCondition::Unreachable;
    } else if (attentionReasons(st.reasons)) {
        st.condition = PrinterCondition::NeedsAttention;
    } else {
        // connecting-to-device alone is normal at the start of every job: the caller decides when it has
        // lasted too long (see JobObservation::connecting and kiosk/packs' RetryPolicy).
        st.condition = PrinterCondition::Ready;
    }
    return st;
}

Submission CupsPrinter::submit(const PrintJob& job, const std::function<void(int)>& created) {
    Submission out;
    std::string name;
    try {
        name = cupsJobName(job.jobId);
    } catch (const std::invalid_argument& e) {
        out.message = e.what();
        return out;
    }
    HttpPtr http = detail::connectCups(m_settings.server, m_settings.connectTimeoutMs);
    if (!http) {
        out.condition = PrinterCondition::SchedulerDown;
        out.message = "cannot reach the print server (CUPS) at " +
                      (m_settings.server.empty() ? std::string(cupsServer()) : m_settings.server);
        return out;
    }
    // Create-Job on this connection (cupsCreateJob looks the queue up through the client's default
    // server, not necessarily this one). Only safe bytes: the job name, the user, nothing personal.
    ipp_t* req = newRequest(IPP_OP_CREATE_JOB);
    const std::string uri = printerUri(m_settings.queue);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, name.c_str());
    IppPtr resp(cupsDoRequest(http.get(), req, ("/printers/" + m_settings.queue).c_str()), &ippDelete);
    int id = 0;
    if (resp && ok())
        if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "job-id", IPP_TAG_INTEGER)) id = ippGetInteger(a, 0);
    if (id <= 0) {
        const ipp_status_t why = cupsLastError();
        out.condition = why == IPP_STATUS_ERROR_NOT_FOUND            ? PrinterCondition::NoSuchQueue
                        : why == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? PrinterCondition::Rejecting
                        : resp                                       ? PrinterCondition::NeedsAttention
                                                                     : PrinterCondition::SchedulerDown;
        out.message = std::string("the print server did not take the job: ") + cupsLastErrorString();
        return out;
    }
    out.cupsJobId = id;
    if (created) created(id);
    // No document-name: it would only repeat the job name, and every attribute sent is a risk.
    bool sent = cupsStartDocument(http.get(), m_settings.queue.c_str(), id, nullptr, m_settings.documentFormat.c_str(),
                                  1) == HTTP_STATUS_CONTINUE;
    if (sent)
        sent = cupsWriteRequestData(http.get(), reinterpret_cast<const char*>(job.pdf.data()), job.pdf.size()) ==
               HTTP_STATUS_CONTINUE;
    const ipp_status_t finished = cupsFinishDocument(http.get(), m_settings.queue.c_str());
    if (sent && finished <= IPP_STATUS_OK_CONFLICTING) {
        out.result = SubmitResult::Accepted;
        out.message = "accepted by " + describe() + " as job " + std::to_string(id);
        return out;
    }
    out.message = std::string("sending the pack to the print server failed: ") + cupsLastErrorString();
    // A job without its document never prints; withdraw it so CUPS keeps nothing.
    out.result = purge(id) ? SubmitResult::NotSent : SubmitResult::Unknown;
    out.condition = PrinterCondition::SchedulerDown;
    return out;
}

JobObservation CupsPrinter::observe(int cupsJobId) {
    JobObservation o;
    o.cupsJobId = cupsJobId;
    HttpPtr http = detail::connectCups(m_settings.server, m_settings.connectTimeoutMs);
    if (!http) {
        o.reasons = "the print server cannot be reached";
        return o;
    }
    ipp_t* req = newRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    const std::string uri = jobUri(cupsJobId);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(std::size(kJobAttributes)), nullptr, kJobAttributes);
    IppPtr resp(cupsDoRequest(http.get(), req, "/"), &ippDelete);
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
        o.phase = JobPhase::Missing;
        return o;
    }
    if (!resp || !ok()) {
        o.reasons = cupsLastErrorString();
        return o;
    }
    return observationFrom(resp.get(), cupsJobId);
}

std::optional<std::vector<JobObservation>> CupsPrinter::findJobs(const std::string& jobId) {
    std::string name;
    try {
        name = cupsJobName(jobId);
    } catch (const std::invalid_argument&) {
        return std::vector<JobObservation>{};
    }
    HttpPtr http = detail::connectCups(m_settings.server, m_settings.connectTimeoutMs);
    if (!http) return std::nullopt;
    ipp_t* req = newRequest(IPP_OP_GET_JOBS);
    const std::string uri = printerUri(m_settings.queue);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(std::size(kJobAttributes)), nullptr, kJobAttributes);
    IppPtr resp(cupsDoRequest(http.get(), req, "/"), &ippDelete);
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return std::vector<JobObservation>{};  // queue gone
    if (!resp || !ok()) return std::nullopt;
    std::vector<JobObservation> out;
    // The response is one group of attributes per job, separated by IPP_TAG_ZERO.
    ipp_t* one = nullptr;
    const auto flush = [&] {
        if (!one) return;
        ipp_attribute_t* n = ippFindAttribute(one, "job-name", IPP_TAG_NAME);
        ipp_attribute_t* id = ippFindAttribute(one, "job-id", IPP_TAG_INTEGER);
        if (n && id && name == ippGetString(n, 0, nullptr)) out.push_back(observationFrom(one, ippGetInteger(id, 0)));
        ippDelete(one);
        one = nullptr;
    };
    for (ipp_attribute_t* a = ippFirstAttribute(resp.get()); a; a = ippNextAttribute(resp.get())) {
        if (ippGetGroupTag(a) != IPP_TAG_JOB) {
            flush();
            continue;
        }
        if (!one) one = ippNew();
        ippCopyAttribute(one, a, 0);
    }
    flush();
    return out;
}

bool CupsPrinter::purge(int cupsJobId) {
    // A job whose backend is running loses its document at once but stays in the history, as cancelled,
    // until the backend has stopped (cupsd 2.4 deletes only inactive jobs): ask again until it is gone. True
    // only once the scheduler no longer knows the job; false (try later) when it cannot be asked.
    for (int round = 0; round < 4; ++round) {
        HttpPtr http = detail::connectCups(m_settings.server, m_settings.connectTimeoutMs);
        if (!http) return false;
        // Cancel-Job with purge-job: allowed for the job's owner under Debian's stock policy, and (CUPS 2.4)
        // also for a job that already completed; it removes the document, the control file and the history.
        ipp_t* req = newRequest(IPP_OP_CANCEL_JOB);
        const std::string uri = jobUri(cupsJobId);
        ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
        ippAddBoolean(req, IPP_TAG_OPERATION, "purge-job", 1);
        ippDelete(cupsDoRequest(http.get(), req, "/jobs/"));
        if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return true;
        if (!ok()) {
            // Some policies allow only Purge-Jobs (an administrator's): try that, limited to this job.
            req = newRequest(IPP_OP_PURGE_JOBS);
            const std::string root = uriFor("/%s", "");
            ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, root.c_str());
            ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-ids", cupsJobId);
            ippAddBoolean(req, IPP_TAG_OPERATION, "purge-jobs", 1);
            ippDelete(cupsDoRequest(http.get(), req, "/admin/"));
            if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return true;
        }
        const JobPhase now = observe(cupsJobId).phase;
        if (now == JobPhase::Missing) return true;
        if (now == JobPhase::Unknown) return false;
        usleep(250 * 1000);  // the backend is being stopped
    }
    return false;
}

std::unique_ptr<Printer> makePrinter(const std::string& printer, const std::filesystem::path& spoolFolder) {
    if (printer.empty() || printer == "spool") return std::make_unique<SpoolFolderPrinter>(spoolFolder);
    CupsSettings settings;
    settings.queue = printer;
    return std::make_unique<CupsPrinter>(settings);
}

}  // namespace print
