// Printers: spool folder and CUPS (libcups 2.4). Layer: print.
#include "print/printer.hpp"

#include <cups/cups.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <memory>
#include <regex>
#include <thread>

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
    return HttpPtr(httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, timeoutMs,
                                nullptr),
                   &httpClose);
}

}  // namespace detail

const char* jobStateKey(JobState s) {
    switch (s) {
        case JobState::Sent: return "sent";
        case JobState::Done: return "done";
        case JobState::Failed: return "failed";
    }
    return "failed";
}

// No spaces: a job name with whitespace crashes Debian 12's cupsd (2.4.2-3+deb12u10) when it logs the job.
std::string jobTitle(const std::string& jobId) { return "briefing-pack-" + jobId.substr(0, 8); }

SpoolFolderPrinter::SpoolFolderPrinter(std::filesystem::path folder) : m_folder(std::move(folder)) {}

std::string SpoolFolderPrinter::describe() const { return "spool folder " + m_folder.string(); }

PrintOutcome SpoolFolderPrinter::print(const PrintJob& job) {
    PrintOutcome out;
    // The job id names the file: refuse anything that could leave the folder.
    if (job.jobId.empty() || job.jobId.find_first_not_of("0123456789abcdefABCDEF-") != std::string::npos) {
        out.message = "invalid job id '" + job.jobId + "'";
        return out;
    }
    const auto path = m_folder / (job.jobId + ".pdf");
    try {
        // The spool folder holds personal data: 0700 when we make it (its parent, the data folder, exists).
        if (::mkdir(m_folder.c_str(), 0700) != 0 && errno != EEXIST) {
            out.message = "cannot create the spool folder " + m_folder.string() + ": " + std::strerror(errno);
            return out;
        }
        writeFileAtomically(path, job.pdf);
        out.state = JobState::Done;
        out.message = "written to the spool folder";
        out.where = path.string();
    } catch (const std::exception& e) {
        out.message = e.what();
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

CupsPrinter::CupsPrinter(CupsSettings settings) : m_settings(std::move(settings)) {}

std::string CupsPrinter::describe() const {
    return "CUPS queue " + m_settings.queue + (m_settings.server.empty() ? "" : " on " + m_settings.server);
}

namespace {

std::string lastError(const char* what) {
    return std::string(what) + ": " + cupsLastErrorString();
}

// Current job-state and the printer's reasons, through Get-Job-Attributes.
struct JobStatus {
    ipp_jstate_t state = IPP_JSTATE_PENDING;
    std::string reasons;
    bool known = false;
};

JobStatus jobStatus(http_t* http, int jobId) {
    JobStatus st;
    ipp_t* req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    char uri[256];
    std::snprintf(uri, sizeof uri, "ipp://localhost/jobs/%d", jobId);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ipp_t* resp = cupsDoRequest(http, req, "/");
    if (!resp) return st;
    if (ipp_attribute_t* a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)) {
        st.state = static_cast<ipp_jstate_t>(ippGetInteger(a, 0));
        st.known = true;
    }
    if (ipp_attribute_t* a = ippFindAttribute(resp, "job-printer-state-message", IPP_TAG_TEXT))
        st.reasons = ippGetString(a, 0, nullptr);
    if (ipp_attribute_t* a = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD)) {
        for (int i = 0; i < ippGetCount(a); ++i) {
            st.reasons += st.reasons.empty() ? "" : "; ";
            st.reasons += ippGetString(a, i, nullptr);
        }
    }
    ippDelete(resp);
    return st;
}

std::string printerUri(const std::string& queue) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/printers/%s",
                     queue.c_str());
    return uri;
}

// Create-Job on this connection. libcups' cupsCreateJob first looks the queue up through the client's default
// server, which is not necessarily the one we are connected to.
int createJob(http_t* http, const std::string& queue, const std::string& title) {
    ipp_t* req = ippNewRequest(IPP_OP_CREATE_JOB);
    const std::string uri = printerUri(queue);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
    ipp_t* resp = cupsDoRequest(http, req, ("/printers/" + queue).c_str());
    int id = 0;
    if (resp) {
        if (ipp_attribute_t* a = ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER)) id = ippGetInteger(a, 0);
        ippDelete(resp);
    }
    return cupsLastError() <= IPP_STATUS_OK_CONFLICTING ? id : 0;
}

}  // namespace

PrintOutcome CupsPrinter::submit(const PrintJob& job) {
    PrintOutcome out;
    out.where = describe();
    HttpPtr http = detail::connectCups(m_settings.server);
    if (!http) {
        out.message = "cannot reach the CUPS scheduler (" +
                      (m_settings.server.empty() ? std::string(cupsServer()) : m_settings.server) + ")";
        return out;
    }
    const std::string title = jobTitle(job.jobId);
    const int id = createJob(http.get(), m_settings.queue, title);
    if (id <= 0) {
        out.message = lastError("CUPS refused the job");
        return out;
    }
    out.cupsJobId = id;
    if (cupsStartDocument(http.get(), m_settings.queue.c_str(), id, title.c_str(),
                          m_settings.documentFormat.c_str(), 1) != HTTP_STATUS_CONTINUE ||
        cupsWriteRequestData(http.get(), reinterpret_cast<const char*>(job.pdf.data()), job.pdf.size()) !=
            HTTP_STATUS_CONTINUE) {
        out.message = lastError("sending the document to CUPS failed");
        cupsFinishDocument(http.get(), m_settings.queue.c_str());
        cancelAndPurge(id);
        return out;
    }
    if (cupsFinishDocument(http.get(), m_settings.queue.c_str()) > IPP_STATUS_OK_CONFLICTING) {
        out.message = lastError("CUPS did not accept the document");
        cancelAndPurge(id);
        return out;
    }
    out.state = JobState::Sent;
    out.message = "sent to " + describe();
    return out;
}

PrintOutcome CupsPrinter::poll(int cupsJobId) {
    PrintOutcome out;
    out.cupsJobId = cupsJobId;
    out.where = describe();
    HttpPtr http = detail::connectCups(m_settings.server);
    if (!http) {
        out.state = JobState::Sent;  // unknown: the scheduler is down; ask again later
        out.message = "cannot reach the CUPS scheduler";
        return out;
    }
    const JobStatus st = jobStatus(http.get(), cupsJobId);
    if (!st.known) {
        out.message = lastError("CUPS does not know the job");
        return out;
    }
    if (st.state == IPP_JSTATE_COMPLETED) {
        out.state = JobState::Done;
        out.message = "printed";
        if (!cancelAndPurge(cupsJobId)) out.message += " (CUPS did not purge the job: " + std::string(cupsLastErrorString()) + ")";
        return out;
    }
    if (st.state == IPP_JSTATE_CANCELED || st.state == IPP_JSTATE_ABORTED) {
        out.message = "the printer did not print the job: " + (st.reasons.empty() ? "aborted" : st.reasons);
        cancelAndPurge(cupsJobId);
        return out;
    }
    out.state = JobState::Sent;
    out.message = st.reasons.empty() ? "waiting for the printer" : st.reasons;
    return out;
}

bool CupsPrinter::cancelAndPurge(int cupsJobId) {
    HttpPtr http = detail::connectCups(m_settings.server);
    if (!http) return false;
    // Cancel-Job with purge-job (cupsCancelJob2(..., 1)) is refused for a job that already completed, and
    // CUPS keeps completed jobs' files for a day by default. Purge-Jobs limited by job-ids removes exactly this
    // job's document, control file and history entry, whatever its state (measured with CUPS 2.4).
    ipp_t* req = ippNewRequest(IPP_OP_PURGE_JOBS);
    const std::string uri = printerUri(m_settings.queue);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-ids", cupsJobId);
    ippAddBoolean(req, IPP_TAG_OPERATION, "purge-jobs", 1);
    ippDelete(cupsDoRequest(http.get(), req, "/admin/"));
    if (cupsLastError() <= IPP_STATUS_OK_CONFLICTING) return true;
    // Not allowed to purge (policy): at least cancel an unfinished job and drop its files.
    return cupsCancelJob2(http.get(), m_settings.queue.c_str(), cupsJobId, 1) == IPP_STATUS_OK;
}

PrintOutcome CupsPrinter::print(const PrintJob& job) {
    PrintOutcome sent = submit(job);
    if (sent.state != JobState::Sent) return sent;
    const auto deadline = std::chrono::steady_clock::now() + m_settings.timeout;
    PrintOutcome st = poll(sent.cupsJobId);
    while (st.state == JobState::Sent && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(m_settings.pollInterval);
        st = poll(sent.cupsJobId);
    }
    if (st.state == JobState::Sent) {
        const std::string why = st.message;
        cancelAndPurge(sent.cupsJobId);
        st.state = JobState::Failed;
        st.message = "the printer did not take the job in time (" + why + "); it was withdrawn and will be retried";
    }
    return st;
}

std::unique_ptr<Printer> makePrinter(const std::string& printer, const std::filesystem::path& spoolFolder) {
    if (printer.empty()) return std::make_unique<SpoolFolderPrinter>(spoolFolder);
    CupsSettings settings;
    settings.queue = printer;
    return std::make_unique<CupsPrinter>(settings);
}

}  // namespace print
