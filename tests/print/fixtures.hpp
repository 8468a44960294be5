// Hand-made pack requests for the print tests, samples and benchmark (the real course loader lands separately).
// Layer: tests (print).
#pragma once

#include <string>
#include <vector>

#include "print/pack.hpp"

namespace print::testing {

std::vector<content::Module> sampleModules(const std::string& lang);
content::ForceProfile demoForce();
// A complete request for `name`; the other personal fields are derived from `name` so two requests differ
// only in personal fields.
PackRequest sampleRequest(const std::string& name, PackLanguage lang = PackLanguage::English);
// The seven names of issue 5.
const std::vector<std::string>& hardNames();
std::string sourceDir();

}  // namespace print::testing
