// A private libcups connection to a scheduler, shared by the printer and the queue listing.
// Layer: print (internal).
#pragma once

#include <cups/cups.h>

#include <memory>
#include <string>

namespace print::detail {

using HttpPtr = std::unique_ptr<http_t, decltype(&httpClose)>;

// Connects to `server` ("host:port" or a socket path; empty = the client's default, cupsServer()) with a
// bounded timeout. Null when the scheduler cannot be reached.
HttpPtr connectCups(const std::string& server, int timeoutMs = 10000);

}  // namespace print::detail
