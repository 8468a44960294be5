// What each officer role may do: a pure table over every officer action in issue 7.
// Layer: kiosk/officer. No state; safe from any thread.
#pragma once

#include "kiosk/records/types.hpp"

#include <array>

namespace kiosk::officer {

using Role = records::OfficerRole;

// Every action offered in officer mode. Keep kAllActions and actionKey in step when adding one.
enum class Action {
    PresenterMode,
    SessionOpen,
    SessionClose,
    SessionView,
    RosterView,
    RosterAdd,
    RosterCorrect,
    RosterRemove,
    Reprint,
    BatchPrint,
    PrintQueue,
    TestPage,
    ChoosePrinter,
    Export,
    RetentionView,
    RetentionPurge,
    RetentionErase,
    Settings,
    Status,
    UnlockOfficer,  // lift another officer's lockout
    ExitKiosk,
};

inline constexpr std::array<Action, 21> kAllActions{
    Action::PresenterMode, Action::SessionOpen,    Action::SessionClose,   Action::SessionView,
    Action::RosterView,    Action::RosterAdd,      Action::RosterCorrect,  Action::RosterRemove,
    Action::Reprint,       Action::BatchPrint,     Action::PrintQueue,     Action::TestPage,
    Action::ChoosePrinter, Action::Export,         Action::RetentionView,  Action::RetentionPurge,
    Action::RetentionErase, Action::Settings,      Action::Status,         Action::UnlockOfficer,
    Action::ExitKiosk,
};

// Officer: everything. Print operator: Reprint, BatchPrint and PrintQueue only.
constexpr bool allowed(Role role, Action action) {
    if (role == Role::Officer) return true;
    return action == Action::Reprint || action == Action::BatchPrint || action == Action::PrintQueue;
}

// Stable key for logs and tests: "presenter-mode", "roster-add", "exit-kiosk", ...
const char* actionKey(Action action);

}  // namespace kiosk::officer
