// The journey states the gallery renders: every screen, with plausible candidate input, in one language.
// Layer: kiosk/app (pure: builds flow states; drawing and saving PNGs is kiosk/main's job).
#pragma once

#include "content/document.hpp"
#include "kiosk/flow/journey.hpp"
#include "kiosk/flow/officer.hpp"

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

// ---- Officer mode (drawn in English, normal contrast) ----
struct OfficerGalleryShot {
    std::string name;  // file-name part, starting "officer-", e.g. "officer-pin", "officer-roster-add"
    flow::OfficerState state;
};

// A signed-in officer's state with plausible plain data (sessions, roster rows) for `modules`.
flow::OfficerState gallerySignedIn(const std::vector<content::Module>& modules,
                                   flow::OfficerRole role = flow::OfficerRole::Officer);

// Every officer page: the PIN pad (choosing, typing, wrong PIN, locked out, no officers), the home menu
// for both roles, sessions, roster, presenter (src/gallery_officer.cpp), then galleryAdminShots.
std::vector<OfficerGalleryShot> officerGalleryShots(const std::vector<content::Module>& modules);

// The admin pages' shots, built from `signedIn` (src/gallery_admin.cpp, kept by the admin pages' author).
std::vector<OfficerGalleryShot> galleryAdminShots(const flow::OfficerState& signedIn);

}  // namespace kiosk::app
