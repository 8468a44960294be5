// Shared parts of every officer page: the frame context, the top bar (title, who is signed in, Home,
// Lock, Back to kiosk), the notice line, text boxes typed with the on-screen keyboard, confirmations.
// Layer: kiosk/ui (private; the admin pages use these too).
#pragma once

#include "kiosk/flow/officer.hpp"
#include "kiosk/ui/view.hpp"
#include "kiosk/ui/widgets.hpp"

#include <optional>
#include <string>

namespace kiosk::ui::detail {

struct OfficerCtx {
    const View& view;
    const flow::OfficerState& state;
    std::optional<flow::OfficerEvent> event;

    float em() const { return view.em(); }
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
