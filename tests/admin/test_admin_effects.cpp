// The admin effects' failure paths: no store, a printer that refuses the test page, invalid settings, a
// chosen printer CUPS no longer lists, quitting without a store. Layer: tests (admin).
#include "admin_test_util.hpp"

#include "kiosk/app/officer_admin_effects.hpp"
#include "kiosk/packs/printer_choice.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

const flow::AdminDone* doneIn(const std::vector<flow::OfficerEvent>& events) {
    for (const auto& e : events)
        if (const auto* a = std::get_if<flow::AdminEvent>(&e))
            if (const auto* d = std::get_if<flow::AdminDone>(a)) return d;
    return nullptr;
}

template <class T>
const T* resultIn(const std::vector<flow::OfficerEvent>& events) {
    for (const auto& e : events)
        if (const auto* a = std::get_if<flow::AdminEvent>(&e))
            if (const auto* t = std::get_if<T>(a)) return t;
    return nullptr;
}

}  // namespace

TEST_CASE("without a store the admin effects say so - status and quit still work", "[admin]") {
    app::AdminServices s;
    bool quit = false;
    s.quit = [&] { quit = true; };
    const auto reprint = app::runAdminEffect(flow::SaveReprint{"c1", "Sgt"}, s);
    const auto* d = doneIn(reprint);
    REQUIRE(d);
    CHECK(d->bad);
    CHECK(d->message.find("No attendance store") != std::string::npos);
    const auto status = app::runAdminEffect(flow::LoadStatus{}, s);
    REQUIRE(resultIn<flow::StatusLoaded>(status));
    CHECK_FALSE(resultIn<flow::StatusLoaded>(status)->facts.storeHealthy);
    CHECK(app::runAdminEffect(flow::QuitKiosk{"Sgt"}, s).empty());
    CHECK(quit);
}

TEST_CASE("a refused test page and invalid settings come back as problems, nothing half-done", "[admin]") {
    admin_test::World w;
    auto broken = std::make_shared<admin_test::FakePrinterState>();
    broken->broken = true;
    app::AdminServices s;
    s.store = w.store.get();
    s.force = &w.force;
    s.course = &w.course;
    s.makePrinter = [&](const std::string&) { return std::make_unique<admin_test::FakePrinter>(broken); };
    const auto testPage = app::runAdminEffect(flow::SendTestPage{"Sgt"}, s);
    const auto* d = doneIn(testPage);
    REQUIRE(d);
    CHECK(d->bad);
    CHECK(d->message.find("out of paper") != std::string::npos);
    CHECK(broken->refused == 1);

    const auto before = w.store->auditRows().size();
    flow::SettingsValues v;
    v.idleTimeoutSeconds = 5;  // below the 15 s minimum: the reducer clamps, the store layer refuses
    const auto settings = app::runAdminEffect(flow::SaveSettings{v, "Sgt"}, s);
    d = doneIn(settings);
    REQUIRE(d);
    CHECK(d->bad);
    CHECK(d->message.find("idle-timeout-seconds") != std::string::npos);
    CHECK(w.store->auditRows().size() == before);
}

TEST_CASE("the printer list keeps a chosen queue CUPS no longer lists, marked not found", "[admin]") {
    admin_test::World w;
    packs::choosePrinter(*w.store, "Gone", "Sgt");
    app::AdminServices s;
    s.store = w.store.get();
    s.listQueues = [] { return std::vector<print::CupsQueue>{{"Front", "", "", true, "idle", ""}}; };
    const auto events = app::runAdminEffect(flow::LoadPrinters{}, s);
    const auto* p = resultIn<flow::PrintersLoaded>(events);
    REQUIRE(p);
    CHECK(p->current == "Gone");
    REQUIRE(p->printers.size() == 3);
    CHECK(p->printers[0].queue.empty());
    CHECK(p->printers[1].queue == "Front");
    CHECK(p->printers[2].queue == "Gone");
    CHECK(p->printers[2].state == "not found");
    CHECK(p->printers[2].current);
    CHECK(app::currentPrinter(s) == "Gone");
}
