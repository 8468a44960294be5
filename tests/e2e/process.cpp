// Process running for end-to-end tests (fork/exec, pipes to temp files, timeout). Layer: tests (e2e).
#include "process.hpp"

#include "kiosk/config/secrets.hpp"
#include "kiosk_secret.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace e2e {
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}
}  // namespace

std::string glChildSanitizerOptions() {
    const char* current = std::getenv("ASAN_OPTIONS");
    return std::string("ASAN_OPTIONS=") + (current && *current ? std::string(current) + ":" : std::string()) +
           "detect_leaks=0";
}

namespace {

kiosk::config::LoadedSecret kioskSecret(const fs::path& configHome) {
    const fs::path file = configHome / "briefing-kiosk" / kiosk::config::kSecretFileName;
    if (!fs::exists(file)) {
        fs::create_directories(file.parent_path());
        const auto key = kiosk::config::SecretKey::generate();
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || ::write(fd, key.bytes().data(), key.bytes().size()) != static_cast<ssize_t>(key.bytes().size()))
            throw std::runtime_error("cannot write " + file.string());
        ::close(fd);
    }
    return kiosk::config::loadSecretFile(file, "test", false, fs::path("/nonexistent-data"),
                                         kiosk::config::SecretCreation::Never);
}

}  // namespace

kiosk::config::PurposeKey kioskPinPepper(const fs::path& configHome) {
    return kiosk::config::deriveKey(kioskSecret(configHome).key, kiosk::config::KeyPurpose::PinPepper);
}

kiosk::records::OpenOptions kioskStoreOptions(const fs::path& configHome) {
    const auto loaded = kioskSecret(configHome);
    kiosk::records::OpenOptions o;
    o.auditKey = kiosk::config::deriveKey(loaded.key, kiosk::config::KeyPurpose::AuditMac).bytes();
    return o;
}

TempDir::TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("bk-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

Result run(const std::vector<std::string>& argv, const std::vector<std::string>& env, int timeoutSeconds) {
    TempDir io;
    const fs::path outFile = io.path / "out";
    const fs::path errFile = io.path / "err";
    const pid_t pid = ::fork();
    if (pid == 0) {
        for (const auto& e : env) {
            if (!e.empty() && e[0] == '-') ::unsetenv(e.c_str() + 1);
            else ::putenv(const_cast<char*>(e.c_str()));
        }
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::setpgid(0, 0);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    Result r;
    if (pid < 0) return r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            r.err = "timed out after " + std::to_string(timeoutSeconds) + " s\n";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFEXITED(status)) r.exitCode = WEXITSTATUS(status);
    r.out = slurp(outFile);
    r.err += slurp(errFile);
    return r;
}

}  // namespace e2e
