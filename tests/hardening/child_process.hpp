// Runs a piece of a robustness test in a child process and collects what it reports on a pipe, so a
// crash or a kill there is counted instead of ending the whole run; the line-per-step pipe protocol of the
// crash tests. Layer: tests/hardening (the records crash test uses it too).
#pragma once

#include <cerrno>
#include <cstdio>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace hardening {

struct ChildRun {
    int status = 0;      // as from waitpid
    std::string report;  // everything the child wrote to its end of the pipe
};

// Forks; the child calls body(writeFd) and must end with _exit (body is [[noreturn]] in use). Returns
// nullopt when the pipe cannot be made.
template <class Body>
std::optional<ChildRun> runInChild(Body&& body) {
    int fds[2];
    if (::pipe(fds) != 0) return std::nullopt;
    std::fflush(nullptr);  // nothing buffered is written twice
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        body(fds[1]);
        ::_exit(127);  // not reached: body exits
    }
    ::close(fds[1]);
    ChildRun run;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) run.report.append(buf, std::size_t(n));
    ::close(fds[0]);
    ::waitpid(pid, &run.status, 0);
    return run;
}

// Writes `line` and a newline to the pipe, all of it; a child that cannot report ends with status 2.
inline void writeLine(int fd, const std::string& line) {
    const std::string s = line + "\n";
    std::size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0) ::_exit(2);
        done += static_cast<std::size_t>(n);
    }
}

// Everything left on the pipe, up to its end (retrying reads a signal interrupts).
inline std::string readAll(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EINTR) continue;
        else return out;
    }
}

}  // namespace hardening
