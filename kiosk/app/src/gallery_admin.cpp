// The gallery's shots of officer mode's admin pages. Layer: kiosk/app (pure: builds flow states).
// Placeholder from the officer skeleton; helper B owns this file and replaces it.
#include "kiosk/app/gallery.hpp"

namespace kiosk::app {

std::vector<OfficerGalleryShot> galleryAdminShots(const flow::OfficerState& signedIn) {
    std::vector<OfficerGalleryShot> out;
    for (const auto page : {flow::OfficerPage::Printing, flow::OfficerPage::PrintQueue, flow::OfficerPage::Printer,
                            flow::OfficerPage::Export, flow::OfficerPage::Retention, flow::OfficerPage::Settings,
                            flow::OfficerPage::Status, flow::OfficerPage::ConfirmExit}) {
        auto step = flow::reduceOfficer(signedIn, flow::ShowPage{page});
        out.push_back({std::string("officer-") + flow::pageKey(page), std::move(step.state)});
    }
    return out;
}

}  // namespace kiosk::app
