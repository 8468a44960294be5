// Packs from stored candidates and the print queue runner. Layer: kiosk/packs.
#include "kiosk/packs/packs.hpp"

#include "content/check_order.hpp"
#include "content/placeholders.hpp"

#include <algorithm>
#include <cctype>

namespace kiosk::packs {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(sep, start);
        const auto part = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!part.empty()) parts.push_back(part);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

bool flag(std::string_view key, std::string_view value) {
    if (value == "1") return true;
    if (value == "0") return false;
    throw std::invalid_argument("pack option '" + std::string(key) + "' must be 0 or 1, not '" + std::string(value) + "'");
}

std::optional<std::string> answer(const records::SafetyPlan& plan, std::string_view key) {
    for (const auto& a : plan.answers)
        if (a.question == key && !a.answer.empty()) return a.answer;
    return std::nullopt;
}

}  // namespace

std::string PackOptions::encode() const {
    std::string out = "lang=" + language;
    out += std::string(";large-print=") + (largePrint ? "1" : "0");
    out += std::string(";paper=") + (paper == print::Paper::Letter ? "letter" : "a4");
    out += std::string(";plan=") + (includePlan ? "1" : "0");
    return out;
}

PackOptions PackOptions::decode(std::string_view text) {
    PackOptions o;
    for (auto part : split(text, ';')) {
        const auto eq = part.find('=');
        if (eq == std::string_view::npos)
            throw std::invalid_argument("pack option '" + std::string(part) + "' has no '='");
        const auto key = part.substr(0, eq);
        const auto value = part.substr(eq + 1);
        if (key == "lang") {
            if (!value.empty() && value != "en-GB" && value != "cy" && value != "bilingual")
                throw std::invalid_argument("pack option 'lang' must be en-GB, cy or bilingual, not '" +
                                            std::string(value) + "'");
            o.language = value;
        } else if (key == "large-print") {
            o.largePrint = flag(key, value);
        } else if (key == "paper") {
            if (value != "a4" && value != "letter")
                throw std::invalid_argument("pack option 'paper' must be a4 or letter, not '" + std::string(value) + "'");
            o.paper = value == "letter" ? print::Paper::Letter : print::Paper::A4;
        } else if (key == "plan") {
            o.includePlan = flag(key, value);
        } else {
            throw std::invalid_argument("unknown pack option '" + std::string(key) + "'");
        }
    }
    return o;
}

std::string verificationCode(const std::string& candidateId) {
    std::string hex;
    for (char c : candidateId) {
        if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (hex.size() == 8) break;
    }
    if (hex.size() < 8) return hex;
    return hex.substr(0, 4) + "-" + hex.substr(4);
}

print::PackRequest buildPackRequest(const records::SubjectRecord& candidate, const content::Course& course,
                                    const content::ForceProfile& force, const PackOptions& options) {
    print::PackRequest r;
    r.candidateName = candidate.name;
    r.constituency = candidate.constituency;
    const std::string lang = options.language.empty() ? candidate.language : options.language;
    for (const char* l : {"en-GB", "cy"})
        if ((lang == l || (lang == "bilingual")) && !course.hasLanguage(l))
            throw std::invalid_argument(std::string("the ") + content::jurisdictionKey(course.manifest.jurisdiction) +
                                        " course has no " + l + " modules, so a " + lang + " pack cannot be made");
    if (lang == "bilingual") {
        r.language = print::PackLanguage::Bilingual;
        // Welsh first on bilingual material where the force puts Welsh first.
        const bool welshFirst = force.defaults.firstLanguage == "cy";
        for (const char* l : {welshFirst ? "cy" : "en-GB", welshFirst ? "en-GB" : "cy"}) {
            auto mods = content::resolvedModules(course, l, force);
            r.modules.insert(r.modules.end(), mods.begin(), mods.end());
        }
    } else if (lang == "cy" || lang == "en-GB") {
        r.language = lang == "cy" ? print::PackLanguage::Welsh : print::PackLanguage::English;
        r.modules = content::resolvedModules(course, lang, force);
    } else {
        throw std::invalid_argument("pack language must be en-GB, cy or bilingual, not '" + lang + "'");
    }
    // The briefing the candidate attended most recently.
    if (!candidate.visits.empty()) {
        const auto& latest = *std::max_element(candidate.visits.begin(), candidate.visits.end(),
                                               [](const auto& a, const auto& b) { return a.checkedInAt < b.checkedInAt; });
        r.briefingDate = latest.session.date;
        r.officer = latest.session.officer;
    }
    // Knowledge checks in the order this candidate saw them on screen.
    for (auto& m : r.modules) m = content::inCandidateOrder(m, candidate.candidateId);
    r.force = force;
    r.courseVersion = course.manifest.version;
    r.lawAsAt = content::formatDate(course.manifest.lawAsAt, lang == "cy" ? "cy" : "en-GB");
    if (candidate.safetyPlan) {
        const auto& plan = *candidate.safetyPlan;
        r.plan.canvassingPartner = answer(plan, kPlanPartner);
        r.plan.whoKnowsWhereIAm = answer(plan, kPlanWhoKnows);
        r.plan.checkInTimes = answer(plan, kPlanCheckIns);
        r.plan.onlineLockdown = answer(plan, kPlanOnline);
        r.plan.notes = answer(plan, kPlanNotes);
    }
    r.includePlan = options.includePlan;
    for (const auto& m : candidate.modules) r.modulesCompleted.push_back(m.moduleId);
    r.verificationCode = verificationCode(candidate.candidateId);
    r.paper = options.paper;
    r.largePrint = options.largePrint;
    return r;
}

std::string printClaimedJob(records::Store& store, const records::PrintJob& job, const print::PackRenderer& renderer,
                            print::Printer& printer, const content::Course& course, const content::ForceProfile& force) {
    std::string failure;
    try {
        const auto request =
            buildPackRequest(store.subjectAccess(job.candidateId), course, force, PackOptions::decode(job.options));
        const auto outcome = printer.print({job.id, renderer.render(request)});
        if (outcome.state == print::JobState::Failed) {
            failure = outcome.message.empty() ? "the printer did not take the job" : outcome.message;
        } else {
            if (outcome.cupsJobId > 0) store.markPrintSent(job.id, std::to_string(outcome.cupsJobId));
            store.markPrintDone(job.id);
            return {};
        }
    } catch (const print::PackError& e) {
        failure = std::string("pack cannot be rendered: ") + e.what();
    } catch (const std::invalid_argument& e) {
        failure = e.what();
    } catch (const records::NotFoundError& e) {
        failure = e.what();
    }
    store.markPrintFailed(job.id, failure);
    return failure;
}

QueueRun runPrintQueue(records::Store& store, const print::PackRenderer& renderer, print::Printer& printer,
                       const content::Course& course, const content::ForceProfile& force, int maxJobs) {
    QueueRun run;
    for (int i = 0; i < maxJobs; ++i) {
        const auto job = store.claimNextPrint();
        if (!job) break;
        const std::string failure = printClaimedJob(store, *job, renderer, printer, course, force);
        if (failure.empty()) {
            ++run.done;
        } else {
            ++run.failed;
            run.problems.push_back("print job " + job->id + ": " + failure);
        }
    }
    return run;
}

}  // namespace kiosk::packs
