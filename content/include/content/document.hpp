// The document model: what a guidance module is once parsed, shared by the kiosk screens and the PDF pack.
// Layer: content. Plain values (copyable, no pointers into parser memory); knows nothing of ImGui or libharu.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace content {

// Where a thing came from, for `file:line:col` messages. line/col are 1-based; 0 means unknown.
struct SourcePos {
    int line = 0;
    int col = 0;
};

// A run of inline text with one style. Placeholders such as {{force.name}} are resolved before the
// model reaches a screen or the pack, so `text` is final text.
struct Span {
    std::string text;
    bool emphasis = false;
    bool strong = false;
    std::string link;  // non-empty: the span is a link to this address (shown, never opened: we are offline)
};
using Inlines = std::vector<Span>;

struct Heading {
    int level = 2;  // 1 is the module title; modules use 2 and 3 inside
    Inlines text;
    SourcePos pos;
};

struct Paragraph {
    Inlines text;
    SourcePos pos;
};

struct List {
    bool ordered = false;
    std::vector<Inlines> items;
    SourcePos pos;
};

enum class CalloutKind { Emergency, Important, Tip };

// A boxed message, e.g. "Call 999 if you are in immediate danger".
struct Callout {
    CalloutKind kind = CalloutKind::Important;
    Inlines title;
    std::vector<Inlines> paragraphs;
    SourcePos pos;
};

struct Table {
    std::vector<Inlines> header;
    std::vector<std::vector<Inlines>> rows;
    SourcePos pos;
};

// A multiple-choice question with 3 or 4 options, one correct, feedback saying why each wrong option is
// wrong, and an explanation shown after answering. Options are stored in the order the author wrote them
// (the canonical order: answers are stored as indexes into it); screens and packs show them in a
// per-candidate order from content/check_order.hpp.
struct KnowledgeCheck {
    std::string id;  // stable within the module, identical across languages (answers are stored by id)
    Inlines question;
    std::vector<Inlines> options;
    std::vector<Inlines> feedback;  // one per option (empty for the correct one): why that choice is wrong
    int correct = 0;  // index into options
    std::vector<Inlines> explanation;
    SourcePos pos;
};

enum class Verdict { Crime, NotCrime, Depends };

// "Is this a crime?": a situation, the answer and which law applies.
struct Scenario {
    std::string id;
    Inlines situation;
    Verdict verdict = Verdict::Crime;
    std::vector<Inlines> explanation;
    Inlines law;  // e.g. "Protection from Harassment Act 1997, section 2"
    SourcePos pos;
};

using Block = std::variant<Heading, Paragraph, List, Callout, Table, KnowledgeCheck, Scenario>;

struct Module {
    std::string id;    // e.g. "reporting"; identical across languages
    std::string lang;  // "en-GB" or "cy"
    std::string title;
    std::string summary;  // one line for the module list
    int minutes = 5;      // estimated reading time
    std::vector<std::string> sources;  // ids in the course's sources.toml backing this module's facts
    std::vector<Block> blocks;
    std::string file;  // path the module was loaded from, for messages
};

// Plain text of a run of spans (for search, measurement, tests).
inline std::string plainText(const Inlines& spans) {
    std::string out;
    for (const auto& s : spans) out += s.text;
    return out;
}

// The position of a verdict among the three answer buttons: crime, not a crime, it depends.
inline int verdictIndex(Verdict v) {
    switch (v) {
        case Verdict::Crime: return 0;
        case Verdict::NotCrime: return 1;
        case Verdict::Depends: return 2;
    }
    return 0;
}

}  // namespace content
