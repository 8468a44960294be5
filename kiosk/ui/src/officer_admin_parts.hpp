// Building blocks of the officer's admin pages: text lines, buttons recorded in the probe, confirmation
// and warning boxes, the progress bar and the print-job table. Layer: kiosk/ui (private).
#pragma once

#include "kiosk/flow/officer.hpp"
#include "kiosk/ui/view.hpp"
#include "kiosk/ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui::admin {

// What a page function needs; `event` collects the one event the frame produces.
struct Ctx {
    const View& view;
    const flow::OfficerState& state;
    std::optional<flow::OfficerEvent> event;

    float em() const { return view.em(); }
    const flow::AdminState& admin() const { return state.admin; }
    void emit(flow::AdminEvent e) {
        if (!event) event = flow::OfficerEvent{std::move(e)};
    }
};

void text(Ctx& c, const std::string& s);
void muted(Ctx& c, const std::string& s);
void good(Ctx& c, const std::string& s);
void bad(Ctx& c, const std::string& s);
void heading(Ctx& c, const std::string& s);
// Text inside a table cell, vertically centred on a 2 em button row.
void cellText(Ctx& c, const std::string& s);
// A label in a fixed-width column, the cursor left on the same line after it.
void rowLabel(Ctx& c, const std::string& s, float widthEm);
// "Label: value" on one line, the value in the bad colour when `problem`; recorded as `probe`.
void fact(Ctx& c, const std::string& label, const std::string& value, bool problem, const std::string& probe);
void record(Ctx& c, const std::string& probe);

// touchButton, primary or secondary, recorded as `probe`.
bool button(Ctx& c, const std::string& label, float widthEm, bool primary, const std::string& probe,
            bool selected = false);

// A question with "Yes ..." (emits `yes`, probe `yesProbe`) and `noLabel` (AdminCancel, probe "keep").
void confirmBox(Ctx& c, const std::string& question, const std::string& yesLabel, const std::string& yesProbe,
                flow::AdminEvent yes, const std::string& noLabel = "No, keep it");
// A panel in the warning colour with the text; recorded as "warning".
void warningBox(Ctx& c, const std::string& message);

void progressBar(Ctx& c, float fraction, const std::string& label, const std::string& probe);

// Print jobs: candidate, state (failed in the bad colour, with the error), attempts, updated, and Retry
// (failed/sent/cancelled) and Cancel (queued/sent/failed, when `cancel`) buttons, probes "retry:<name>" and
// "cancel:<name>".
void jobTable(Ctx& c, const std::vector<flow::PrintJobRow>& rows, const char* id, bool cancel);

}  // namespace kiosk::ui::admin
