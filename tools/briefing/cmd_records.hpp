// Shared helpers of the attendance-store subcommands of `briefing` (session, checkin, roster, export,
// purge, erase, backup, restore, audit). Layer: tools.
#pragma once

#include "commands.hpp"
#include "content/force_profile.hpp"
#include "kiosk/records/store.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace briefing {

// Opens the store in the configured data folder, first becoming the folder's owner when run as root, or
// refusing (DataOwnerError, exit 3) when another user runs it (becomeDataOwner). By default `briefing` never moves a damaged store aside
// (the kiosk does, at start-up): a damaged store is an error; `restore` passes MoveAside (and says so on
// stderr). create=false: a missing store is an error.
std::unique_ptr<kiosk::records::Store> openRecords(
    Context& ctx, bool create, kiosk::records::DamagePolicy onDamage = kiosk::records::DamagePolicy::Fail);

// For commands that only read: never creates a folder or a store, never checkpoints or deletes a WAL.
std::unique_ptr<kiosk::records::Store> openRecordsReadOnly(Context& ctx);

// Runs a store command, mapping failures to exit codes: StoreError (missing, locked, damaged, too new,
// disk full) -> 3, InputError/NotFoundError -> 1, a bad force profile -> 1. Messages go to stderr.
int runRecords(const std::function<int()>& fn);

// The audit actor for command-line actions: the real invoking user, "cli:<name> uid=<n>" (plus sudo_user=
// and login= when known; Invoker::actor). Never taken from $USER.
std::string cliActor();

// The force profile's retention in days (throws content::LoadError when the profile is invalid).
int retentionDays(Context& ctx);

void addRecordsDataCommands(CLI::App& app, Context& ctx);

}  // namespace briefing
