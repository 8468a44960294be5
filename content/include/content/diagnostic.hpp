// Diagnostics for content problems, printed as `file:line:col: message`.
// Layer: content.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace content {

enum class Severity { Error, Warning };

struct Diagnostic {
    std::string file;
    int line = 0;  // 1-based; 0 when the problem concerns the whole file
    int col = 0;
    std::string message;
    Severity severity = Severity::Error;

    // "file:line:col: message" (warnings say "warning: " before the message).
    std::string format() const;
};

// Thrown by loaders when a file cannot be used; carries every problem found, not just the first.
class LoadError : public std::runtime_error {
public:
    explicit LoadError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const noexcept { return m_diagnostics; }

private:
    std::vector<Diagnostic> m_diagnostics;
};

}  // namespace content
