// Listing CUPS queues through cupsGetDests2 on a private, time-limited connection. Layer: print.
#include "print/cups_queues.hpp"

#include "cups_http.hpp"

#include <algorithm>

namespace print {
namespace {

std::string option(const cups_dest_t& d, const char* name) {
    const char* v = cupsGetOption(name, d.num_options, d.options);
    return v ? v : "";
}

std::string stateName(const std::string& code) {
    if (code == "3") return "idle";
    if (code == "4") return "printing";
    if (code == "5") return "stopped";
    return "unknown";
}

}  // namespace

std::vector<CupsQueue> listCupsQueues(const std::string& server, int timeoutMs) {
    std::vector<CupsQueue> out;
    detail::HttpPtr http = detail::connectCups(server, timeoutMs);
    if (!http) return out;
    httpSetTimeout(http.get(), std::max(1, timeoutMs / 1000), nullptr, nullptr);
    cups_dest_t* dests = nullptr;
    const int n = cupsGetDests2(http.get(), &dests);
    for (int i = 0; i < n; ++i) {
        const cups_dest_t& d = dests[i];
        if (d.instance) continue;  // lpoptions instances print on the same queue
        CupsQueue q;
        q.name = d.name;
        q.description = option(d, "printer-info");
        q.location = option(d, "printer-location");
        q.isDefault = d.is_default != 0;
        q.state = stateName(option(d, "printer-state"));
        q.reasons = option(d, "printer-state-reasons");
        if (q.reasons == "none") q.reasons.clear();
        out.push_back(std::move(q));
    }
    cupsFreeDests(n, dests);
    std::sort(out.begin(), out.end(), [](const CupsQueue& a, const CupsQueue& b) { return a.name < b.name; });
    return out;
}

}  // namespace print
