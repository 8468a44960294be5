// End-to-end tests of briefing-kiosk: the real binary under Xvfb, screenshots checked for content. [e2e]
#include "process.hpp"

#include <catch2/catch.hpp>
#include <stb/stb_image.h>

#include <fstream>
#include <memory>
#include <set>

namespace fs = std::filesystem;

namespace {

const std::string kXvfb = "-screen 0 1920x1080x24";

// Runs the kiosk under a fresh Xvfb with its own data folder.
e2e::Result kiosk(const e2e::TempDir& dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {"xvfb-run", "-a", "-s", kXvfb, BK_KIOSK_BIN, "--data", (dir.path / "data").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return e2e::run(argv, {"XDG_CONFIG_HOME=" + (dir.path / "config").string(), e2e::glChildSanitizerOptions()});
}

struct Image {
    int width = 0, height = 0;
    std::size_t distinctColours = 0;
};

Image inspect(const fs::path& png) {
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px(stbi_load(png.c_str(), &w, &h, &n, 3), stbi_image_free);
    REQUIRE(px);
    std::set<unsigned> colours;
    for (int i = 0; i < w * h; i += 7) {  // a sample is enough to tell text from a blank screen
        const unsigned char* p = px.get() + static_cast<std::size_t>(i) * 3;
        colours.insert((p[0] << 16) | (p[1] << 8) | p[2]);
    }
    return {w, h, colours.size()};
}

}  // namespace

TEST_CASE("kiosk screenshot under Xvfb shows the attract screen, not a blank window", "[e2e]") {
    e2e::TempDir dir;
    const auto shot = dir.path / "attract.png";
    const auto r = kiosk(dir, {"--screenshot", shot.string(), "--after-frames", "3"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto img = inspect(shot);
    CHECK(img.width == 1920);
    CHECK(img.height == 1080);
    CHECK(img.distinctColours > 20);  // antialiased text in several colours, the accent band, the button
    CHECK_FALSE(fs::exists(shot.string() + ".tmp"));
}

TEST_CASE("kiosk screenshot with --after-frames 1 still renders two frames", "[e2e]") {
    e2e::TempDir dir;
    const auto shot = dir.path / "one.png";
    const auto r = kiosk(dir, {"--screenshot", shot.string(), "--after-frames", "1"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(inspect(shot).distinctColours > 20);
}

TEST_CASE("kiosk with an invalid force profile shows the officer notice and still exits 0", "[e2e]") {
    e2e::TempDir dir;
    const auto profile = dir.path / "broken.toml";
    std::ofstream(profile) << "id = \"x\"\njurisdiction = \"atlantis\"\n";
    const auto shot = dir.path / "notice.png";
    const auto r = kiosk(dir, {"--force-profile", profile.string(), "--screenshot", shot.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(inspect(shot).distinctColours > 20);
}

TEST_CASE("kiosk with no display prints one line and exits 3", "[e2e]") {
    e2e::TempDir dir;
    const auto r = e2e::run({BK_KIOSK_BIN, "--data", (dir.path / "data").string()},
                            {"-DISPLAY", "-WAYLAND_DISPLAY", "-SDL_VIDEODRIVER"});
    CHECK(r.exitCode == 3);
    REQUIRE_FALSE(r.err.empty());
    CHECK(r.err.find('\n') == r.err.size() - 1);  // exactly one line
    CHECK(r.err.find("display") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "data"));  // nothing created before the display check
}

TEST_CASE("kiosk usage errors exit 2", "[e2e]") {
    CHECK(e2e::run({BK_KIOSK_BIN, "--windowed", "huge"}).exitCode == 2);
    CHECK(e2e::run({BK_KIOSK_BIN, "--no-such-flag"}).exitCode == 2);
    CHECK(e2e::run({BK_KIOSK_BIN, "--screenshot", "x.png", "--after-frames", "0"}).exitCode == 2);
}

TEST_CASE("kiosk --version prints the CMake project version", "[e2e]") {
    const auto r = e2e::run({BK_KIOSK_BIN, "--version"});
    CHECK(r.exitCode == 0);
    CHECK(r.out == std::string("briefing-kiosk ") + BK_VERSION + "\n");
}
