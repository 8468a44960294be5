// `briefing print` / `briefing print-queue`: runs the print client (kiosk/packs PrintRunner) until the jobs
// it watches are printed, waiting for the printer or needing an officer, with progress on a terminal.
// Layer: tools.
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/packs/print_runner.hpp"
#include "kiosk/records/store.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace briefing {

struct PrintRunSummary {
    int printed = 0;       // printed, or saved to the spool folder
    int waiting = 0;       // still waiting for the printer (in CUPS or for an automatic retry)
    int needsOfficer = 0;  // given up, cancelled at the print server, unrenderable
    int cancelled = 0;
};

// Follows `jobIds` (empty: every job queued, waiting or in CUPS when it starts) through `printer` until each
// is final or held up by the printer. Progress goes to `out`: on a terminal a live line (count, the current
// candidate's initials, failures as they happen); otherwise one summary line at the end. Problems are also
// written to `err`, one line per job (job id, never a name). Store errors propagate.
PrintRunSummary runPrintJobs(kiosk::records::Store& store, const print::PackRenderer& renderer,
                             const content::Course& course, const content::ForceProfile& force,
                             print::Printer& printer, std::vector<std::string> jobIds, bool terminal,
                             std::ostream& out, std::ostream& err);

// "S.G." for "Siân Gwenllian": the first letter of each word (UTF-8 aware), at most four.
std::string initialsOf(const std::string& name);

}  // namespace briefing
