// The PDF stage of the hostile-string run (issue 8): each stored candidate's pack rendered through
// kiosk/packs and print/, and the text the PDF really contains (pdftotext) checked for the full name.
// Layer: tests/hardening.
#pragma once

#include "kiosk/records/store.hpp"

#include <string>
#include <vector>

namespace hardening {

struct PdfCandidate {
    std::string candidateId;
    std::string rawName;  // what was typed, before any sanitising
    std::string label;    // corpus label, for failure messages
};

struct PdfStageFigures {
    int packsRendered = 0;
    int pagesChecked = 0;
    int silentTruncations = 0;      // a printable name missing (in full) from the cover or any page's footer
    int unprintableNames = 0;       // names print's font coverage says cannot be shown
    int refusedByFlow = 0;          // ... that the check-in screen refuses (Unprintable, or another problem first)
    int refusedByRenderer = 0;      // ... that the renderer refuses with an error naming the name
    int failures = 0;               // every broken promise, printed on stderr
    double seconds = 0;
};

// Renders the pack of every candidate in `candidates` (stored in `store`) with the repository's course and
// force profile. With `fullCourse`: the whole course (~21 pages a pack), every page read back; else the first
// module only (~7 pages: the same cover, footers and plan), pages 1-2 read back (cover, one module page).
// Needs pdftotext (poppler-utils); a missing one is a failure, not a skip.
PdfStageFigures runPdfStage(kiosk::records::Store& store, const std::vector<PdfCandidate>& candidates,
                            const char* executable, bool fullCourse);

}  // namespace hardening
