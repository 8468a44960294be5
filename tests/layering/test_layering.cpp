// Enforces the direction of dependencies (STYLE.md) by scanning every source file's #include lines:
// Debian puts all headers under /usr/include, so the compiler alone would accept a crossed layer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// What a folder's code may not include, as include-path prefixes.
struct Rule {
    std::string folder;
    std::vector<std::string> forbidden;
};

const std::vector<std::string> kImgui = {"imgui", "imgui/", "imgui.h", "imgui_"};
const std::vector<std::string> kSdl = {"SDL", "SDL2/"};
const std::vector<std::string> kSqlite = {"sqlite3", "SQLiteCpp/"};
const std::vector<std::string> kHaru = {"hpdf"};
const std::vector<std::string> kCups = {"cups/"};

std::vector<std::string> join(std::initializer_list<std::vector<std::string>> parts) {
    std::vector<std::string> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

const std::vector<Rule> kRules = {
    {"content", join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/", "print/"}})},
    {"print", join({kImgui, kSdl, kSqlite, {"kiosk/"}})},
    {"kiosk/flow", join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/", "kiosk/records/"}})},
    {"kiosk/records", join({kImgui, kSdl, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/", "kiosk/flow/", "print/"}})},
    {"kiosk/packs", join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/", "kiosk/flow/"}})},
    {"kiosk/app", join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/"}})},
    {"kiosk/config", join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/"}})},
    {"kiosk/ui", join({kSdl, kSqlite, kHaru, kCups, {"kiosk/platform/", "kiosk/records/", "print/"}})},
    {"kiosk/platform", join({kSqlite, kHaru, kCups, {"kiosk/records/", "print/"}})},
    {"tools", join({kImgui, kSdl})},
    {"kiosk/officer",
     join({kImgui, kSdl, kSqlite, kHaru, kCups, {"kiosk/ui/", "kiosk/platform/", "kiosk/flow/", "print/"}})},
};

// Returns "file:line: includes X" for each include in `text` that `rule` forbids.
std::vector<std::string> violations(const std::string& file, const std::string& text, const Rule& rule) {
    static const std::regex kInclude(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::smatch m;
        if (!std::regex_search(line, m, kInclude)) continue;
        const std::string header = m[1];
        for (const auto& bad : rule.forbidden) {
            if (header.rfind(bad, 0) == 0) {
                out.push_back(file + ":" + std::to_string(n) + ": " + rule.folder + " must not include <" + header + ">");
                break;
            }
        }
    }
    return out;
}

bool isSource(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".cc" || ext == ".in";
}

}  // namespace

TEST_CASE("no layer includes what it must not", "[layering]") {
    const fs::path root = BK_SOURCE_DIR;
    std::vector<std::string> all;
    int scanned = 0;
    for (const auto& rule : kRules) {
        const fs::path dir = root / rule.folder;
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (!entry.is_regular_file() || !isSource(entry.path())) continue;
            std::ifstream in(entry.path());
            std::stringstream buf;
            buf << in.rdbuf();
            auto v = violations(fs::relative(entry.path(), root).string(), buf.str(), rule);
            all.insert(all.end(), v.begin(), v.end());
            ++scanned;
        }
    }
    for (const auto& v : all) UNSCOPED_INFO(v);
    CHECK(scanned > 10);
    CHECK(all.empty());
}

TEST_CASE("the layering check catches a crossed layer", "[layering]") {
    const Rule flow = kRules[2];
    CHECK(violations("x.cpp", "#include <imgui.h>\n", flow).size() == 1);
    CHECK(violations("x.cpp", "  #  include <imgui/imgui.h>\n", flow).size() == 1);
    CHECK(violations("x.cpp", "#include <SQLiteCpp/Database.h>\n", flow).size() == 1);
    CHECK(violations("x.cpp", "#include \"kiosk/ui/screens.hpp\"\n", flow).size() == 1);
    CHECK(violations("x.cpp", "#include \"content/text.hpp\"\n#include <vector>\n", flow).empty());
    const Rule officer = kRules.back();
    REQUIRE(officer.folder == "kiosk/officer");
    CHECK(violations("x.cpp", "#include <imgui.h>\n", officer).size() == 1);
    CHECK(violations("x.cpp", "#include \"kiosk/flow/journey.hpp\"\n", officer).size() == 1);
    CHECK(violations("x.cpp", "#include <cups/cups.h>\n", officer).size() == 1);
    CHECK(violations("x.cpp", "#include \"kiosk/records/store.hpp\"\n#include <sodium.h>\n", officer).empty());
}
