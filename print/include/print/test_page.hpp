// The printer test page: one page that proves a printer or the spool folder works, naming the force, the
// destination, the time and the kiosk version, with a test pattern. Layer: print (no SQLite, no UI).
#pragma once

#include "print/pack.hpp"

#include <string>
#include <vector>

namespace print {

struct TestPageRequest {
    std::string forceName;    // as it should be printed
    std::string destination;  // printer or queue name, or "Save to folder"
    std::string printedAt;    // local time as it should be printed, e.g. "27 Nov 2026 09:30"
    Paper paper = Paper::A4;
};

// A one-page PDF drawn with the pack's fonts. It names no candidate. Throws PackError naming the field
// when a text cannot be printed faithfully (or libharu fails); never returns a partial PDF.
std::vector<unsigned char> renderTestPage(const TestPageRequest& request, const PackAssets& assets);

// Job id for a test page: a fresh UUID-shaped id so spool files and CUPS titles look like any other job.
std::string testPageJobId();

}  // namespace print
