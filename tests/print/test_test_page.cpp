// The printer test page and the CUPS queue listing without a scheduler. Layer: tests (print).
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "print/cups_queues.hpp"
#include "print/printer.hpp"
#include "print/test_page.hpp"

namespace fs = std::filesystem;
using namespace print;

namespace {

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

struct Tmp {
    Tmp() {
        std::string tmpl = (fs::temp_directory_path() / "bk-testpage-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~Tmp() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path path;
};

// A loopback port with nothing listening on it.
int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("the printer test page is one page naming the force, printer, time and kiosk version", "[print]") {
    TestPageRequest r;
    r.forceName = "Heddlu Dyfed-Powys Police";
    r.destination = "Front desk";
    r.printedAt = "27 Nov 2026 09:30";
    const auto pdf = renderTestPage(r, findPackAssets());
    REQUIRE(pdf.size() > 1000);
    CHECK(std::string(pdf.begin(), pdf.begin() + 5) == "%PDF-");
    Tmp tmp;
    SpoolFolderPrinter spool(tmp.path);
    const std::string id = testPageJobId();
    const auto out = spool.submit({id, pdf}, {});
    REQUIRE(out.result == SubmitResult::Completed);
    const std::string file = out.message;
    const std::string info = run("pdfinfo '" + file + "'");
    const auto pages = info.find("Pages:");
    REQUIRE(pages != std::string::npos);
    CHECK(std::stoi(info.substr(pages + 6)) == 1);
    const std::string text = run("pdftotext -q -enc UTF-8 '" + file + "' -");
    CHECK(text.find("Printer test page") != std::string::npos);
    CHECK(text.find("Heddlu Dyfed-Powys Police") != std::string::npos);
    CHECK(text.find("Front desk") != std::string::npos);
    CHECK(text.find("27 Nov 2026 09:30") != std::string::npos);
    CHECK(text.find("Kiosk version") != std::string::npos);

    TestPageRequest letter = r;
    letter.paper = Paper::Letter;
    const auto letterPdf = renderTestPage(letter, findPackAssets());
    std::ofstream(tmp.path / "letter.pdf", std::ios::binary)
        .write(reinterpret_cast<const char*>(letterPdf.data()), static_cast<std::streamsize>(letterPdf.size()));
    CHECK(run("pdfinfo '" + (tmp.path / "letter.pdf").string() + "'").find("612 x 792") != std::string::npos);
}

TEST_CASE("a test page refuses text its font cannot print, naming the field", "[print]") {
    TestPageRequest r;
    r.forceName = "Demo";
    r.destination = "مكتب";
    r.printedAt = "now";
    CHECK_THROWS_WITH(renderTestPage(r, findPackAssets()), Catch::Contains("printer"));
}

TEST_CASE("test page job ids are UUID-shaped and differ", "[print]") {
    const std::string a = testPageJobId(), b = testPageJobId();
    CHECK(a != b);
    REQUIRE(a.size() == 36);
    CHECK(a[8] == '-');
    CHECK(a[14] == '4');
    CHECK(a.find_first_not_of("0123456789abcdef-") == std::string::npos);
}

TEST_CASE("listing CUPS queues with no scheduler gives an empty list at once", "[print]") {
    const auto start = std::chrono::steady_clock::now();
    CHECK(listCupsQueues("127.0.0.1:" + std::to_string(closedPort()), 2000).empty());
    CHECK(listCupsQueues("/nonexistent/cups.sock", 2000).empty());
    // Bounded by the timeout given (generous margin for a loaded machine), never a hang.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
