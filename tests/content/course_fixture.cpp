// Test helpers: temporary copies of fixture courses. [content]
#include "course_fixture.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace bktest {

namespace {
std::atomic<int> gCounter{0};
}

TempCourse::TempCourse(const std::string& name) {
    m_dir = fs::temp_directory_path() /
            ("bk-course-" + std::to_string(::getpid()) + "-" + std::to_string(gCounter++)) / "course";
    fs::remove_all(m_dir);
    fs::create_directories(m_dir.parent_path());
    fs::copy(kFixtures / name, m_dir, fs::copy_options::recursive);
}

TempCourse::~TempCourse() {
    std::error_code ec;
    fs::remove_all(m_dir.parent_path(), ec);
}

std::string TempCourse::read(const std::string& rel) const {
    std::ifstream in(path(rel), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void TempCourse::write(const std::string& rel, std::string_view text) const {
    fs::create_directories(path(rel).parent_path());
    std::ofstream(path(rel), std::ios::binary) << text;
}

void TempCourse::replace(const std::string& rel, std::string_view from, std::string_view to) const {
    std::string text = read(rel);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("fixture text not found: " + std::string(from));
    text.replace(at, from.size(), to);
    write(rel, text);
}

int TempCourse::lineOf(const std::string& rel, std::string_view needle) const {
    const std::string text = read(rel);
    const auto at = text.find(needle);
    if (at == std::string::npos) return 0;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

const content::Diagnostic* findDiag(const std::vector<content::Diagnostic>& ds, std::string_view fileSuffix,
                                    std::string_view text) {
    for (const auto& d : ds) {
        const bool fileOk = d.file.size() >= fileSuffix.size() &&
                            d.file.compare(d.file.size() - fileSuffix.size(), fileSuffix.size(), fileSuffix) == 0;
        if (fileOk && d.message.find(text) != std::string::npos) return &d;
    }
    return nullptr;
}

std::string describe(const std::vector<content::Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.format() + "\n";
    return out;
}

}  // namespace bktest
