// Formatting of content diagnostics. Layer: content.
#include "content/diagnostic.hpp"

#include "content/text.hpp"

namespace content {

std::string Diagnostic::format() const {
    std::string out = text::repairUtf8(file);
    out += ':' + std::to_string(line) + ':' + std::to_string(col) + ": ";
    if (severity == Severity::Warning) out += "warning: ";
    out += text::repairUtf8(message);
    return out;
}

namespace {
std::string joinMessages(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) {
        if (!out.empty()) out += '\n';
        out += d.format();
    }
    return out;
}
}  // namespace

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(joinMessages(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

}  // namespace content
