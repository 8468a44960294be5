// Hostile strings through check-in -> store -> roster -> CSV export -> RFC 4180 re-parse -> pack PDF
// (issue 8). Prints its figure lines; exits 1 on any failure.
// Usage: hardening_hostile_strings [--full-course] [SEED_FILE]. --full-course: packs with every module, every
// page read back (tools/hardening/run-long); default: the first module, pages 1-2 read back.
// Layer: tests/hardening.
#include "content/text.hpp"
#include "hostile_corpus.hpp"
#include "hostile_pdf_stage.hpp"
#include "kiosk/records/export.hpp"
#include "kiosk/records/store.hpp"
#include "rfc4180.hpp"
#include "temp_dir.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>

using namespace kiosk::records;
namespace fs = std::filesystem;

namespace {

struct Expectation {
    bool storable = false;
    std::string value;  // what the store must return: sanitiseLine(input).value
};

// What the store promises (INTERFACES.md, store.hpp): valid UTF-8, sanitised, with a visible character
// when required (nothing visible is stored as empty), at most kMaxFieldCodePoints code points after
// sanitising.
Expectation expect(const std::string& input, bool required) {
    if (!content::text::isValidUtf8(input)) return {};
    const auto sanitised = content::text::sanitiseLine(input);
    const std::string clean = sanitised.visible ? sanitised.value : std::string();
    if (required && clean.empty()) return {};
    if (content::text::codePointCount(clean) > kMaxFieldCodePoints) return {};
    return {true, clean};
}

}  // namespace

int main(int argc, char** argv) {
    bool fullCourse = false;
    fs::path seed = fs::path(BK_SOURCE_DIR) / "tests" / "hardening" / "hostile_strings.txt";
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--full-course") fullCourse = true;
        else seed = argv[i];
    }
    std::vector<hardening::HostileString> corpus;
    try {
        corpus = hardening::loadSeedFile(seed);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    const std::size_t seedCount = corpus.size();
    for (auto& h : hardening::generatedHostileStrings()) corpus.push_back(std::move(h));

    records_test::TempDir tmp;
    OpenOptions options;
    options.synchronous = Synchronous::Normal;  // speed only: durability is the crash test's business
    auto store = std::move(Store::open(tmp.data(), options).store);
    const std::string sessionId = store->openSession({"", "Hostile Hall", "Officer Test"}, "test");

    int failures = 0, nameStored = 0, nameRejected = 0, optionalStored = 0, optionalRejected = 0, checkIns = 0;
    auto fail = [&](const hardening::HostileString& h, const std::string& why) {
        if (++failures <= 20) std::cerr << "FAIL [" << h.label << "] " << hardening::printable(h.bytes) << ": " << why << "\n";
    };
    // candidate id -> (entry index, what the name / email / phone must read back as)
    struct Pending {
        std::size_t index;
        std::string name, constituency;
        std::optional<std::string> email, phone;
    };
    std::map<std::string, Pending> stored;
    std::vector<hardening::PdfCandidate> named;  // stored with the hostile string as their name

    for (std::size_t i = 0; i < corpus.size(); ++i) {
        const auto& h = corpus[i];
        // 1: the string as the (required) name; 2: as the optional email and phone.
        for (int mode = 0; mode < 2; ++mode) {
            CheckInInput in;
            in.sessionId = sessionId;
            const Expectation e = expect(h.bytes, mode == 0);
            if (mode == 0) {
                in.name = h.bytes;
                in.constituency = "Hostile " + std::to_string(i);
            } else {
                in.name = "Optional " + std::to_string(i);
                in.constituency = "Hostile Optional";
                in.email = h.bytes;
                in.phone = h.bytes;
            }
            try {
                const CheckInResult r = store->checkIn(in);
                ++checkIns;
                if (!e.storable) {
                    fail(h, mode == 0 ? "name accepted but should be rejected" : "email accepted but should be rejected");
                    continue;
                }
                Pending p{i, in.name, in.constituency, std::nullopt, std::nullopt};
                if (mode == 0) {
                    p.name = e.value;
                    ++nameStored;
                    named.push_back({r.candidateId, h.bytes, h.label});
                } else {
                    if (!e.value.empty()) p.email = p.phone = e.value;
                    ++optionalStored;
                }
                stored[r.candidateId] = p;
            } catch (const InputError& err) {
                const std::string msg = err.what();
                const std::string field = mode == 0 ? "name: " : "email: ";
                if (e.storable) fail(h, "rejected but storable: " + msg);
                else if (msg.rfind(field, 0) != 0) fail(h, "error does not name the field: " + msg);
                else if (!content::text::isValidUtf8(msg)) fail(h, "error message is not valid UTF-8");
                (mode == 0 ? nameRejected : optionalRejected) += 1;
            } catch (const std::exception& err) {
                fail(h, std::string("unexpected exception: ") + err.what());
            }
        }
    }

    // Roster: every stored value reads back exactly as sanitised.
    const Session session = store->session(sessionId);
    const std::vector<RosterEntry> roster = store->roster(sessionId);
    int fidelityOk = 0;
    std::size_t seen = 0;
    for (const auto& r : roster) {
        const auto it = stored.find(r.candidateId);
        if (it == stored.end()) continue;
        ++seen;
        const Pending& p = it->second;
        if (r.name == p.name && r.constituency == p.constituency && r.email == p.email && r.phone == p.phone) {
            ++fidelityOk;
        } else {
            fail(corpus[p.index], "roster value differs from the sanitised input");
        }
    }
    if (seen != stored.size()) {
        std::cerr << "FAIL roster holds " << seen << " of " << stored.size() << " stored check-ins\n";
        ++failures;
    }

    // CSV: valid RFC 4180, every cell decodes to the neutralised value, no cell starts a formula.
    const auto csvProblem = hardening::checkRosterRoundTrip(session, roster);
    if (csvProblem) {
        std::cerr << "FAIL CSV round trip: " << *csvProblem << "\n";
        ++failures;
    }
    const auto parsed = hardening::parseCsv(rosterCsv(session, roster));
    int formulaCells = 0, neutralisedCells = 0;
    for (const auto& row : parsed.rows) {
        for (const auto& cell : row) {
            if (hardening::startsWithFormulaChar(cell)) ++formulaCells;
            if (!cell.empty() && cell[0] == '\'') ++neutralisedCells;
        }
    }
    // csvCell on its own, over every raw input (valid or not): always decodes back to the neutralised bytes.
    int cellRoundTrips = 0;
    for (const auto& h : corpus) {
        const auto one = hardening::parseCsv(csvCell(h.bytes) + "\r\n");
        const bool shaped = one.error.empty() && one.rows.size() == 1 && one.rows[0].size() == 1;
        if (shaped && one.rows[0][0] == hardening::neutralised(h.bytes)) {
            ++cellRoundTrips;
        } else {
            fail(h, "csvCell does not round-trip: " + one.error);
        }
    }
    // PDF: every stored name's pack, as the kiosk would print it.
    const hardening::PdfStageFigures pdf = hardening::runPdfStage(*store, named, argv[0], fullCourse);
    failures += pdf.failures;

    std::printf("hostile strings: %zu (seed file %zu, generated %zu), check-ins stored: %d, "
                "name stored %d / rejected with a clear error %d, email+phone stored %d / rejected %d, "
                "round-trip fidelity %d/%zu, csvCell round-trips %d/%zu, CSV cells neutralised %d, "
                "cells starting with a formula character %d, failures %d, crashes/asserts 0 (run completed)\n",
                corpus.size(), seedCount, corpus.size() - seedCount, checkIns, nameStored, nameRejected,
                optionalStored, optionalRejected, fidelityOk, stored.size(), cellRoundTrips, corpus.size(),
                neutralisedCells, formulaCells, failures);
    std::printf("pdf stage (%s): packs rendered %d of %zu stored names (%d pages read back with pdftotext) in %.1f s, "
                "crashes 0 (run completed), silent truncations %d, names the pack font cannot show %d "
                "(refused at check-in by the flow's printable check %d, refused by the renderer naming the field %d), "
                "failures %d\n",
                fullCourse ? "whole course, every page read" : "first module, pages 1-2 read", pdf.packsRendered,
                named.size(), pdf.pagesChecked, pdf.seconds, pdf.silentTruncations,
                pdf.unprintableNames, pdf.refusedByFlow, pdf.refusedByRenderer, pdf.failures);
    return failures == 0 && formulaCells == 0 && corpus.size() >= 500 && pdf.silentTruncations == 0 ? 0 : 1;
}
