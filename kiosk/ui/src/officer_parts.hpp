// Shared parts of every officer page: the frame context, the top bar (title, who is signed in, Home,
// Lock, Back to kiosk), the notice line, text boxes typed with the on-screen keyboard, confirmations,
// and the admin pages' building blocks (namespace admin). Layer: kiosk/ui (private).
#pragma once

#include "kiosk/flow/officer.hpp"
#include "kiosk/ui/view.hpp"
#include "kiosk/ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui::detail {

struct OfficerCtx {
    const View& view;
    const flow::OfficerState& state;
    std::optional<flow::OfficerEvent> event;

    float em() const { return view.em(); }
    const flow::AdminState& admin() const { return state.admin; }
    // Admin events arrive here too: OfficerEvent holds AdminEvent as one of its alternatives.
    void emit(flow::OfficerEvent e) {
        if (!event) event = std::move(e);
    }
};

// The accent band with the page title and, when signed in, the officer's name and role, Home (probe
// "officer-home"), Lock ("officer-lock") and Back to kiosk ("officer-leave"). Leaves the cursor below it.
void officerTopBar(OfficerCtx& c);
// The last action's outcome ("! " and the problem colour when it failed); nothing when empty.
void officerNotice(OfficerCtx& c);
// A scrolling region from the cursor to `reserveBottomEm` above the bottom of the screen.
void beginOfficerBody(OfficerCtx& c, const char* id, float reserveBottomEm = 0.5f);
void endOfficerBody();
// A labelled one-line box bound to TextEntry key `key`; touching it points the on-screen keyboard at it.
// Probe label "entry:<key>".
void entryBox(OfficerCtx& c, const std::string& key, const std::string& label, float widthEm);
// The on-screen keyboard typing into the focused box (nothing when no box has focus).
void entryKeyboard(OfficerCtx& c, float width);
// Keyboard height in px, for laying out above it.
float entryKeyboardHeight(const OfficerCtx& c);
// A panel asking `question` with `yes` (probe `probeYes`) and "No, keep it" ("confirm-no", emits
// CancelConfirm). Returns true when `yes` was pressed.
bool confirmPanel(OfficerCtx& c, const std::string& question, const std::string& yes, const std::string& probeYes);
// A line of muted text, wrapped to the available width.
void mutedLine(OfficerCtx& c, const std::string& text);

// The pages of helper A (one file each).
void drawPinPad(OfficerCtx& c);
void drawHome(OfficerCtx& c);
void drawSessions(OfficerCtx& c);
void drawRoster(OfficerCtx& c);
void drawPresenter(OfficerCtx& c);

}  // namespace kiosk::ui::detail

namespace kiosk::ui::admin {

// The admin pages' building blocks: text lines, buttons recorded in the probe, confirmation and warning
// boxes, the progress bar and the print-job table.
using Ctx = detail::OfficerCtx;

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
