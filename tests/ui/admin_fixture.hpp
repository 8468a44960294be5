// Officer mode's admin pages without a window: the officer fixture (real store in a temporary folder, the
// effect runner kiosk/main uses) with a session of candidates, an officer signed in, a fake printer the
// test breaks and fixes, a fake USB stick and fake CUPS queues. Layer: tests (ui).
#pragma once

#include "officer_fixture.hpp"

#include "fake_printer.hpp"

#include "kiosk/app/officer_admin_effects.hpp"
#include "kiosk/packs/packs.hpp"
#include "kiosk/records/clock.hpp"

#include <fstream>

namespace kiosk::test {

using SwitchablePrinter = test_support::FakePrinter;

struct AdminKiosk {
    explicit AdminKiosk(flow::OfficerRole role = flow::OfficerRole::Officer, float width = 1920.0f,
                        float height = 1080.0f)
        : o(true, width, height) {
        session = store().openSession(
            {records::londonDate(std::chrono::system_clock::now()), "Town Hall", "Sgt Evans"}, "Sgt Evans");
        for (const char* name : {"Ann Jones", "Bob Smith", "Siân Gwenllian"}) {
            records::CheckInInput in;
            in.sessionId = session;
            in.name = name;
            in.constituency = "Arfon";
            candidates.push_back(store().checkIn(in).candidateId);
        }
        // A USB stick: a fake mount table and /sys/block tree naming a folder of ours.
        std::filesystem::create_directories(sysBlock() / "sdb" / "sdb1");
        std::ofstream(sysBlock() / "sdb" / "removable") << "1\n";
        stick = o.k.folder.path() / "media" / "KINGSTON";
        std::filesystem::create_directories(stick);
        std::ofstream(o.k.folder.path() / "mounts") << "/dev/sdb1 " << stick.string() << " vfat rw 0 0\n";
        configure();
        o.send(flow::EnterOfficer{});
        o.send(flow::PinAccepted{"Sgt Evans", role});
    }

    OfficerKiosk o;
    std::string session;
    std::vector<std::string> candidates;
    std::filesystem::path stick;
    SwitchablePrinter printer;
    print::PackRenderer renderer{print::findPackAssets()};
    std::string workerQueue = "(configured)";
    int wakes = 0;
    int settingsChanges = 0;
    bool quit = false;

    records::Store& store() { return *o.k.store; }
    const flow::OfficerState& state() const { return o.state; }
    Harness& h() { return o.h(); }
    std::filesystem::path sysBlock() const { return o.k.folder.path() / "sys" / "block"; }

    // What kiosk/main gives the admin effects, with the print worker, drives and CUPS faked.
    void configure() {
        auto& a = o.runner->admin();
        a.force = &o.k.force;
        a.course = &o.k.course;
        a.drives = {o.k.folder.path() / "mounts", sysBlock()};
        a.printQueued = [this] { ++wakes; };
        a.usePrinter = [this](const std::string& q) { workerQueue = q; };
        a.printerDescription = [this] { return "test printer " + workerQueue; };
        a.settingsChanged = [this] { ++settingsChanges; };
        a.quit = [this] { quit = true; };
        a.listQueues = [] {
            return std::vector<print::CupsQueue>{{"Back", "", "", false, "stopped", "media-empty"},
                                                 {"Front", "Front desk", "", true, "idle", ""}};
        };
    }
    // Closes and reopens the store (a restart), keeping officer mode's state.
    void reopenStore() {
        o.reopenStore();
        configure();
    }

    void open(flow::OfficerPage page) { o.send(flow::ShowPage{page}); }
    void admin(flow::AdminEvent e) { o.send(flow::OfficerEvent{std::move(e)}); }
    void tap(const std::string& label) { o.tap(label); }
    bool shows(const std::string& label) { return o.shows(label); }
    void settle() { o.settle(); }

    // What the print worker does when woken; then kiosk/main tells officer mode.
    void runPrinter() {
        test_support::runQueue(store(), renderer, o.k.course, o.k.force, printer);
        admin(flow::PrintJobsChanged{});
    }
    std::vector<records::PrintJob> jobs() { return store().listPrintJobs(); }
};

}  // namespace kiosk::test
