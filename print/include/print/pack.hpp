// The personalised safety pack: plain-data request in, PDF bytes or an atomically written file out.
// Layer: print (knows content's document model and force profile; no ImGui, SDL or SQLite).
#pragma once

#include "content/resources.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "content/document.hpp"
#include "content/force_profile.hpp"

namespace print {

enum class PackLanguage { English, Welsh, Bilingual };
enum class Paper { A4, Letter };

// The candidate's own safety-plan answers; each one optional (empty = not answered, printed as lines to fill in).
struct SafetyPlan {
    std::optional<std::string> canvassingPartner;
    std::optional<std::string> whoKnowsWhereIAm;
    std::optional<std::string> checkInTimes;
    std::optional<std::string> onlineLockdown;  // what I will lock down online
    std::optional<std::string> notes;           // free notes; '\n' starts a new paragraph
};

// Everything one pack needs. Strings are UTF-8; personal fields are normalised to NFC before use.
struct PackRequest {
    std::string candidateName;
    std::string constituency;
    PackLanguage language = PackLanguage::English;
    std::string briefingDate;  // as it should be printed, e.g. "2026-11-27"
    std::string officer;
    content::ForceProfile force;
    // Placeholder-resolved modules, rendered in this order. For a bilingual pack pass both languages' modules.
    std::vector<content::Module> modules;
    std::string courseVersion;
    std::string lawAsAt;  // "law as at" date of the content, printed in every footer
    SafetyPlan plan;
    bool includePlan = true;
    std::vector<std::string> modulesCompleted;  // module ids
    std::string verificationCode;               // short, printed in every footer
    Paper paper = Paper::A4;
    bool largePrint = false;  // body text >= 14 pt
};

// Thrown for a request we refuse to render (unsupported characters, empty name, bad logo ...): the message
// names the field. Other failures (libharu, files) are PackError too, with what failed.
class PackError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The rendered pack could not be written (disk full, file too large, folder not writable ...): an
// environment fault, not a problem with the candidate. Nothing is left at the path or beside it.
class PackWriteError : public PackError {
public:
    PackWriteError(const std::string& message, int error) : PackError(message), m_error(error) {}
    int error() const noexcept { return m_error; }  // the errno

private:
    int m_error;
};

// Files the renderer needs; all must exist.
struct PackAssets {
    std::filesystem::path regularFont;  // prepared BriefingSans.ttf
    std::filesystem::path boldFont;     // prepared BriefingSans-Bold.ttf
    std::filesystem::path strings;      // print/strings/pack.toml
};

// The pack's files within the located resources (content::locateResources, done once at start-up).
// Throws PackError naming a file that is missing.
PackAssets packAssets(const content::Resources& resources);

// Locates the resources beside `executableDir` (default: this program's folder) or under the install prefix,
// then packAssets(). For tests and tools that have no located resources to pass; throws PackError.
PackAssets findPackAssets(const std::filesystem::path& executableDir = {});

struct PackStrings;

// Renders packs. Construction loads the label table and the font's coverage (throws PackError/LoadError);
// render() is const and safe to call from several threads at once (each call owns its libharu document).
class PackRenderer {
public:
    explicit PackRenderer(PackAssets assets);
    ~PackRenderer();
    PackRenderer(PackRenderer&&) noexcept;
    PackRenderer& operator=(PackRenderer&&) noexcept;

    // Throws PackError when the request cannot be rendered faithfully; never returns a partial PDF.
    std::vector<unsigned char> render(const PackRequest& request) const;
    // Renders, writes `path`'s sibling temporary file, then renames it over `path`.
    void writeFile(const PackRequest& request, const std::filesystem::path& path) const;

    const PackAssets& assets() const { return m_assets; }

private:
    PackAssets m_assets;
    std::unique_ptr<const PackStrings> m_strings;
};

// Convenience wrappers over a PackRenderer built from findPackAssets() (loads the labels on each call).
std::vector<unsigned char> renderPack(const PackRequest& request);
void writePackFile(const PackRequest& request, const std::filesystem::path& path);

// Writes bytes to `path` atomically (temporary file ".<name>.XXXXXX" in the same folder, fsync, rename).
// Throws PackWriteError; the temporary is removed again on failure (a kill can still leave it: see
// removePackTemporaries).

void writeFileAtomically(const std::filesystem::path& path, const std::vector<unsigned char>& bytes);

// Deletes the temporaries writeFileAtomically leaves in `folder` when killed mid-write (a hidden partial
// PDF holding personal data): for `fileName` (".<fileName>.XXXXXX"), or for every "<name>.pdf" when
// fileName is empty. For a folder one program writes packs into at a time (e.g. `briefing pack --out-dir`
// before it starts); returns how many were removed.
int removePackTemporaries(const std::filesystem::path& folder, const std::string& fileName = {});

}  // namespace print
