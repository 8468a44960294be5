// Shared parts of every journey screen (header with language/text-size/contrast controls, progress
// indicator, scrolling body, bottom bar) and the per-screen drawing functions. Layer: kiosk/ui (private).
#pragma once

#include "kiosk/flow/journey.hpp"
#include "kiosk/ui/view.hpp"
#include "kiosk/ui/widgets.hpp"

#include <imgui.h>

#include <optional>
#include <string>

struct ImGuiWindow;

namespace kiosk::ui::detail {

// Everything a screen function needs; `event` collects the one event the frame produces.
struct Ctx {
    const View& view;
    const flow::State& state;
    const content::Catalog& s;  // strings in the candidate's language
    std::optional<flow::Event> event;
    bool scrolled = false;  // View::scrollToAnswer done this frame
    std::string bodyId = "##body";  // one per screen (and module), so each starts scrolled to the top

    float em() const { return view.em(); }
    std::string str(const char* key) const { return s.get(key); }
    void emit(flow::Event e) {
        if (!event) event = std::move(e);
    }
};

inline constexpr float kColumnEm = 31.0f;  // about 70 characters of body text (DejaVu Sans ~0.55 em each)

bool keyPressed(int imguiKey);
void drawHeader(Ctx& c, bool controls);
void drawProgress(Ctx& c);

// A scrolling body between the progress row and the bottom bar: drag to scroll; the Up/Down buttons in
// the bottom bar scroll it too. Content is indented to a centred column kColumnEm wide.
struct Body {
    ImGuiWindow* window = nullptr;
    float scrollMax = 0.0f;
    float columnWidth = 0.0f;
};
void beginBody(Ctx& c, float reserveBottomEm = 3.6f);
Body endBody(Ctx& c);
// Bottom bar: Back on the left (when `back`), scroll buttons when the body overflows, and the primary
// action on the right (when `primary` is non-empty). Returns true when the primary action was pressed.
// `emphasise` false draws an enabled action in the quieter secondary style (e.g. Finish before printing).
bool bottomBar(Ctx& c, const Body& body, bool back, const std::string& primary, bool primaryEnabled = true,
               bool emphasise = true);

// A button whose label wraps, as wide as `width` px: for answers and the module list.
// `mark`: a border in that colour (a chosen or correct answer, a done module); nullptr for none.
bool wrapButton(Ctx& c, const std::string& text, const std::string& probeLabel, float width, const ImVec4& bg,
                const ImVec4& fg, const ImVec4* mark = nullptr);

void drawPrivacy(Ctx& c);
void drawCheckIn(Ctx& c, const flow::CheckIn& screen);
void drawModuleList(Ctx& c);
void drawModule(Ctx& c, const flow::ModuleView& screen);
// A module's title and teaching blocks (no knowledge checks or scenarios) at the cursor, in a column
// kColumnEm wide: presenter mode's slide.
void drawSlide(Ctx& c, const content::Module& m);
// Inline text as one run. Links are shown with their address (the kiosk is offline).
std::string inlineText(const content::Inlines& spans);
void drawSafetyPlan(Ctx& c);
void drawReview(Ctx& c);
void drawDone(Ctx& c);

// The on-screen keyboard, `width` px wide at the cursor.
void drawKeyboard(Ctx& c, float width);
// The same keys for any caller (officer mode): labels from `s`, the key pressed this frame if any.
struct KeyPress {
    enum Kind { Text, Shift, Accents, Backspace } kind = Text;
    std::string text;  // for Text: the character (or " ")
};
std::optional<KeyPress> drawKeys(const View& view, const content::Catalog& s, bool shift, bool accents, float width);
// The keyboard's height in em (five rows of keys and their gaps).
float keyboardHeightEm();
// A labelled text box bound to a journey field, with its problem (if any) under it.
// `labelHeight` (px) keeps boxes in a row level when one label wraps; 0 = the label's own height.
void fieldBox(Ctx& c, flow::Field field, const char* labelKey, float widthEm, float labelHeight = 0.0f);

}  // namespace kiosk::ui::detail
