// Internals shared by officer mode's reducer files: small step helpers and the per-page reducers.
// Layer: kiosk/flow (private).
#pragma once

#include "kiosk/flow/officer.hpp"

#include <string>

namespace kiosk::flow::detail {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

OfficerStep stay(OfficerState s);
std::string actor(const OfficerState& s);  // the signed-in officer's name, or ""
void setNotice(OfficerState& s, std::string text, bool bad);
std::string trimmed(const std::string& s);  // repaired, sanitised, trimmed (content::text)
std::string lowerAscii(std::string s);

// Roster page events (add, correct, remove) and presenter events (slides, questions, attendance).
OfficerStep onRoster(OfficerState s, const OfficerEvent& e);
OfficerStep onPresenter(OfficerState s, const OfficerEvent& e);

}  // namespace kiosk::flow::detail
