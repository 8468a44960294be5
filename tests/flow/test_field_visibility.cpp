// Check-in fields with nothing visible in them (issue 15, item 10): a name of Hangul fillers, marks or
// joiners is refused as empty; a Persian name with its zero-width non-joiner is accepted. [flow]
#include "kiosk/flow/journey.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::flow;

TEST_CASE("a required field with no visible character is empty, one with a ZWNJ inside a word is fine", "[flow]") {
    for (const std::string& invisible :
         {std::string("\u3164"), std::string("\u3164\u3164 \u3164"), std::string("\u180E"), std::string("\u0301\u0301"),
          std::string("\u200D\u200C"), std::string("\U000E0041\U000E0042"), std::string("\uFFA0"), std::string("\u2800")}) {
        CHECK(validateField(Field::Name, invisible) == FieldProblem::Empty);
        CHECK(validateField(Field::Constituency, invisible) == FieldProblem::Empty);
        CHECK(validateField(Field::Email, invisible) == FieldProblem::None);  // optional: as if left blank
    }
    CHECK(validateField(Field::Name, "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645") == FieldProblem::None);
    CHECK(validateField(Field::Name, "Ann") == FieldProblem::None);
}
