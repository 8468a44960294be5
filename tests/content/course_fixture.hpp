// Test helpers for the content tests: a throw-away copy of a fixture course and diagnostic look-ups. [content]
#pragma once

#include "content/diagnostic.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bktest {

namespace fs = std::filesystem;

inline const fs::path kFixtures = fs::path(BK_SOURCE_DIR) / "tests" / "content" / "fixtures";
inline const fs::path kDemoProfile = fs::path(BK_SOURCE_DIR) / "content" / "course" / "forces" / "demo.toml";

// A copy of fixtures/<name> in a fresh temporary folder, removed again by the destructor.
class TempCourse {
public:
    explicit TempCourse(const std::string& name = "clean");
    ~TempCourse();
    TempCourse(const TempCourse&) = delete;
    TempCourse& operator=(const TempCourse&) = delete;

    const fs::path& dir() const { return m_dir; }
    fs::path path(const std::string& rel) const { return m_dir / rel; }
    std::string read(const std::string& rel) const;
    void write(const std::string& rel, std::string_view text) const;
    // Replaces the first occurrence of `from` (which must exist) in file `rel`.
    void replace(const std::string& rel, std::string_view from, std::string_view to) const;
    // 1-based line of the first occurrence of `needle` in file `rel` (0 when absent).
    int lineOf(const std::string& rel, std::string_view needle) const;

private:
    fs::path m_dir;
};

// The first diagnostic whose file ends with `fileSuffix` and whose message contains `text`; nullptr if none.
// The pointer is into `ds`: keep the vector while it is used (not a temporary).
const content::Diagnostic* findDiag(const std::vector<content::Diagnostic>& ds, std::string_view fileSuffix,
                                    std::string_view text);
std::string describe(const std::vector<content::Diagnostic>& ds);

}  // namespace bktest
