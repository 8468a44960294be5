// Packs from stored candidates: the options a pack is printed with, the request built from the store's
// record of a candidate, and the print queue runner used by the kiosk and `briefing print`.
// Layer: kiosk/packs (records + content + print; no UI). Not thread-safe: one call at a time per Store.
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/records/store.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::packs {

// Keys under which the kiosk stores the personal safety plan's answers (records::Answer::question).
inline constexpr const char* kPlanPartner = "canvassing_partner";
inline constexpr const char* kPlanWhoKnows = "who_knows_where_i_am";
inline constexpr const char* kPlanCheckIns = "check_in_times";
inline constexpr const char* kPlanOnline = "lock_down_online";
inline constexpr const char* kPlanNotes = "notes";

// How one pack is rendered. Stored with its print job (records::PrintJob::options) so a retry prints the
// same pack.
struct PackOptions {
    std::string language;  // "en-GB", "cy", "bilingual"; empty: the candidate's own language
    bool largePrint = false;
    print::Paper paper = print::Paper::A4;
    bool includePlan = true;

    std::string encode() const;  // "lang=cy;large-print=1;paper=a4;plan=1"
    // Throws std::invalid_argument naming the bad part.
    static PackOptions decode(std::string_view text);
};

// A short code printed in every footer that an officer can match to the record: the first 8 hex digits
// of the candidate's id, as XXXX-XXXX.
std::string verificationCode(const std::string& candidateId);

// The pack for one stored candidate. Throws std::invalid_argument for an unknown language option.
print::PackRequest buildPackRequest(const records::SubjectRecord& candidate, const content::Course& course,
                                    const content::ForceProfile& force, const PackOptions& options);

}  // namespace kiosk::packs
