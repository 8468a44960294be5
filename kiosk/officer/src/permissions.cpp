// Stable keys of officer actions. Layer: kiosk/officer.
#include "kiosk/officer/permissions.hpp"

namespace kiosk::officer {

const char* actionKey(Action action) {
    switch (action) {
        case Action::PresenterMode: return "presenter-mode";
        case Action::SessionOpen: return "session-open";
        case Action::SessionClose: return "session-close";
        case Action::SessionView: return "session-view";
        case Action::RosterView: return "roster-view";
        case Action::RosterAdd: return "roster-add";
        case Action::RosterCorrect: return "roster-correct";
        case Action::RosterRemove: return "roster-remove";
        case Action::Reprint: return "reprint";
        case Action::BatchPrint: return "batch-print";
        case Action::PrintQueue: return "print-queue";
        case Action::TestPage: return "test-page";
        case Action::ChoosePrinter: return "choose-printer";
        case Action::Export: return "export";
        case Action::RetentionView: return "retention-view";
        case Action::RetentionPurge: return "retention-purge";
        case Action::RetentionErase: return "retention-erase";
        case Action::Settings: return "settings";
        case Action::Status: return "status";
        case Action::UnlockOfficer: return "unlock-officer";
        case Action::ExitKiosk: return "exit-kiosk";
    }
    return "unknown";
}

}  // namespace kiosk::officer
