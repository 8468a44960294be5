// Shared pieces of the admin back-end tests: a store with a session of candidates, the real course and
// renderer, and printers that fail or succeed on demand. Layer: tests (admin).
#pragma once

#include "content/course.hpp"
#include "content/force_profile.hpp"
#include "kiosk/records/store.hpp"
#include "print/pack.hpp"
#include "print/printer.hpp"
#include "fake_printer.hpp"
#include "temp_dir.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace admin_test {

inline const std::string kCourseDir = std::string(BK_SOURCE_DIR) + "/content/course";

using test_support::FakePrinter;
using test_support::FakePrinterState;

struct World {
    World() {
        course = content::loadCourse(kCourseDir);
        store = std::move(kiosk::records::Store::open(tmp.data()).store);
        session = store->openSession({"2026-11-27", "Town Hall", "Sgt Evans"}, "Sgt Evans");
        for (const char* name : {"Siân Gwenllian", "Ann Jones", "Bob Smith"}) {
            kiosk::records::CheckInInput in;
            in.sessionId = session;
            in.name = name;
            in.constituency = "Arfon";
            candidates.push_back(store->checkIn(in).candidateId);
        }
    }
    records_test::TempDir tmp;
    content::Course course;
    content::ForceProfile force = content::loadForceProfile(kCourseDir + "/forces/demo.toml");
    print::PackRenderer renderer{print::findPackAssets()};
    std::unique_ptr<kiosk::records::Store> store;
    std::string session;
    std::vector<std::string> candidates;
};

}  // namespace admin_test
