// Officer mode's admin pages without a window: a real store in a temporary folder with a session of
// candidates, an officer signed in, the admin effects run as kiosk/main runs them, a fake printer the test
// breaks and fixes, fake removable drives and CUPS queues. Layer: tests (ui).
#pragma once

#include "harness.hpp"
#include "journey_fixture.hpp"

#include "kiosk/app/officer_admin_effects.hpp"
#include "kiosk/flow/officer.hpp"
#include "kiosk/packs/packs.hpp"
#include "kiosk/ui/officer.hpp"

#include <imgui.h>

#include <fstream>

namespace kiosk::test {

// Fails every job while `broken`.
class SwitchablePrinter : public print::Printer {
public:
    bool broken = false;
    int printed = 0;
    print::PrintOutcome print(const print::PrintJob& job) override {
        print::PrintOutcome out;
        if (broken || job.pdf.empty()) {
            out.message = "printer out of paper";
            return out;
        }
        ++printed;
        out.state = print::JobState::Done;
        return out;
    }
    std::string describe() const override { return "test printer"; }
};

struct AdminKiosk {
    explicit AdminKiosk(flow::OfficerRole role = flow::OfficerRole::Officer, float width = 1920.0f,
                        float height = 1080.0f)
        : h(width, height) {
        course = content::loadCourse(kCourseDir);
        store = std::move(records::Store::open(folder.path() / "data").store);
        session = store->openSession({records::londonDate(std::chrono::system_clock::now()), "Town Hall", "Sgt Evans"},
                                     "Sgt Evans");
        for (const char* name : {"Ann Jones", "Bob Smith", "Siân Gwenllian"}) {
            records::CheckInInput in;
            in.sessionId = session;
            in.name = name;
            in.constituency = "Arfon";
            candidates.push_back(store->checkIn(in).candidateId);
        }
        // A USB stick: a fake mount table and /sys/block tree naming a folder of ours.
        const auto sys = folder.path() / "sys" / "block";
        std::filesystem::create_directories(sys / "sdb" / "sdb1");
        std::ofstream(sys / "sdb" / "removable") << "1\n";
        stick = folder.path() / "media" / "KINGSTON";
        std::filesystem::create_directories(stick);
        std::ofstream(folder.path() / "mounts") << "/dev/sdb1 " << stick.string() << " vfat rw 0 0\n";

        ctx.store = store.get();
        ctx.force = &force;
        ctx.course = &course;
        ctx.dataDir = store->dataDir();
        ctx.drives = {folder.path() / "mounts", sys};
        ctx.printQueued = [this] { ++wakes; };
        ctx.usePrinter = [this](const std::string& q) { workerQueue = q; };
        ctx.printerDescription = [this] { return "test printer " + workerQueue; };
        ctx.settingsChanged = [this] { ++settingsChanges; };
        ctx.quit = [this] { quit = true; };
        ctx.listQueues = [] {
            return std::vector<print::CupsQueue>{{"Back", "", "", false, "stopped", "media-empty"},
                                                 {"Front", "Front desk", "", true, "idle", ""}};
        };

        state = flow::initialOfficerState({});
        send(flow::EnterOfficer{});
        send(flow::PinAccepted{"Sgt Evans", role});
    }

    TempFolder folder;
    Harness h;
    content::ForceProfile force = content::loadForceProfile(kCourseDir + "/forces/demo.toml");
    content::Catalog en = content::Catalog::load(kCourseDir + "/strings/en-GB.toml", "en-GB");
    content::Catalog cy = content::Catalog::load(kCourseDir + "/strings/cy.toml", "cy");
    content::Course course;
    ui::Theme theme = ui::makeTheme(force.accent, false);
    ui::View view{h.fonts(), theme, en, cy, force, &h.probe()};
    std::unique_ptr<records::Store> store;
    std::string session;
    std::vector<std::string> candidates;
    std::filesystem::path stick;
    app::AdminServices ctx;
    flow::OfficerState state;
    std::vector<flow::OfficerEvent> events;
    SwitchablePrinter printer;
    print::PackRenderer renderer{print::findPackAssets()};
    std::string workerQueue = "(configured)";
    int wakes = 0;
    int settingsChanges = 0;
    bool quit = false;

    std::function<void()> draw() {
        return [this] {
            if (auto e = ui::drawOfficer(state, view)) events.push_back(*e);
        };
    }
    // Reduces one event and runs the admin effects it asks for, feeding results back (as kiosk/main does).
    void send(const flow::OfficerEvent& e) {
        auto step = flow::reduceOfficer(std::move(state), e);
        state = std::move(step.state);
        std::vector<flow::OfficerEffect> pending = std::move(step.effects);
        for (std::size_t i = 0; i < pending.size(); ++i) {
            std::vector<flow::OfficerEvent> results;
            if (const auto* a = std::get_if<flow::AdminEffect>(&pending[i])) results = app::runAdminEffect(*a, ctx);
            else results = runOther(pending[i]);
            for (const auto& r : results) {
                auto next = flow::reduceOfficer(std::move(state), r);
                state = std::move(next.state);
                for (auto& x : next.effects) pending.push_back(std::move(x));
            }
        }
    }
    // A's effects the admin pages may trigger (navigation loads): answered with nothing.
    std::vector<flow::OfficerEvent> runOther(const flow::OfficerEffect&) { return {}; }

    void open(flow::OfficerPage page) { send(flow::ShowPage{page}); }
    void admin(flow::AdminEvent e) { send(flow::OfficerEvent{std::move(e)}); }

    // What the print worker does when woken, then kiosk/main tells officer mode.
    void runPrinter() {
        packs::runPrintQueue(*store, renderer, printer, course, force);
        admin(flow::PrintJobsChanged{});
    }

    void apply() {
        auto evs = std::move(events);
        events.clear();
        for (const auto& e : evs) send(e);
    }
    void settle() {
        h.frame(draw());
        h.frame(draw());
        events.clear();
    }
    void tap(const std::string& label) {
        settle();
        h.click(label, draw());
        apply();
    }
    bool shows(const std::string& label) {
        settle();
        return h.probe().find(label) != nullptr;
    }
    std::vector<records::PrintJob> jobs() const { return store->listPrintJobs(); }
};

}  // namespace kiosk::test
