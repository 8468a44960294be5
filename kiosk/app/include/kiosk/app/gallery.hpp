// The journey states the gallery renders: every screen, with plausible candidate input, in one language.
// Layer: kiosk/app (pure: builds flow states; drawing and saving PNGs is kiosk/main's job).
#pragma once

#include "content/document.hpp"
#include "kiosk/flow/journey.hpp"

#include <string>
#include <vector>

namespace kiosk::app {

struct GalleryShot {
    std::string screen;  // file-name part, e.g. "check-in", "module-answered", "review-print-failed"
    flow::State state;
};

// Every screen for `lang` (and high contrast when `highContrast`), built by reducing real events from the
// initial state, so each shot is a state the kiosk can really reach.
std::vector<GalleryShot> galleryShots(const flow::Config& config, const std::vector<content::Module>& modules,
                                      const std::string& lang, bool highContrast);

}  // namespace kiosk::app
