// Hand-made modules, force and requests for the print tests. Layer: tests (print).
#include "fixtures.hpp"

namespace print::testing {
namespace {

using content::Inlines;
using content::Span;

Inlines t(const std::string& s) { return {Span{s}}; }

}  // namespace

std::string sourceDir() { return BK_SOURCE_DIR; }

std::vector<content::Module> sampleModules(const std::string& lang) {
    const bool cy = lang == "cy";
    std::vector<content::Module> out;
    {
        content::Module m;
        m.id = "staying-safe";
        m.lang = lang;
        m.title = cy ? "Cadw'n ddiogel wrth ganfasio" : "Staying safe while canvassing";
        m.summary = cy ? "Cynllunio eich diwrnod a gweithio mewn parau." : "Planning your day and working in pairs.";
        m.blocks.push_back(content::Heading{2, t(cy ? "Cyn i chi fynd allan" : "Before you go out")});
        m.blocks.push_back(content::Paragraph{
            {Span{cy ? "Dywedwch wrth rywun " : "Tell someone "}, Span{cy ? "ble" : "where", true},
             Span{cy ? " rydych chi'n mynd a " : " you are going and "},
             Span{cy ? "pryd" : "when", false, true}, Span{cy ? " y byddwch yn ôl." : " you will be back."}}});
        m.blocks.push_back(content::List{false,
                                         {t(cy ? "Gweithiwch mewn parau lle bo modd." : "Canvass in pairs where you can."),
                                          t(cy ? "Cadwch eich ffôn wedi'i wefru." : "Keep your phone charged."),
                                          t(cy ? "Cytunwch ar amseroedd cysylltu." : "Agree check-in times.")}});
        m.blocks.push_back(content::Callout{content::CalloutKind::Emergency, t(cy ? "Perygl nawr" : "Danger now"),
                                            {t(cy ? "Ffoniwch 999 os ydych mewn perygl uniongyrchol."
                                                  : "Call 999 if you are in immediate danger.")}});
        m.blocks.push_back(content::Table{
            {t(cy ? "Sefyllfa" : "Situation"), t(cy ? "Beth i'w wneud" : "What to do")},
            {{t(cy ? "Rhywun yn eich dilyn" : "Someone follows you"),
              t(cy ? "Ewch i le prysur a ffoniwch 999." : "Go somewhere busy and call 999.")},
             {t(cy ? "Sylwadau sarhaus ar-lein" : "Abusive comments online"),
              t(cy ? "Cadwch dystiolaeth a rhowch wybod i 101." : "Keep evidence and report to 101.")}}});
        m.blocks.push_back(content::KnowledgeCheck{
            "pairs",
            t(cy ? "Beth yw'r ffordd fwyaf diogel o ganfasio?" : "What is the safest way to canvass?"),
            {t(cy ? "Ar eich pen eich hun gyda'r nos" : "Alone after dark"), t(cy ? "Mewn parau" : "In pairs"),
             t(cy ? "Heb ffôn" : "Without a phone")},
            {t(cy ? "Does neb i alw am help." : "Nobody can call for help."), {},
             t(cy ? "Ni allwch ffonio 999." : "You cannot call 999.")},
            1,
            {t(cy ? "Mae partner yn gallu galw am help." : "A partner can call for help.")}});
        out.push_back(std::move(m));
    }
    {
        content::Module m;
        m.id = "online-abuse";
        m.lang = lang;
        m.title = cy ? "Camdriniaeth ar-lein" : "Online abuse";
        m.summary = cy ? "Beth sy'n drosedd a sut i roi gwybod." : "What is a crime and how to report it.";
        m.blocks.push_back(content::Paragraph{
            t(cy ? "Nid yw pob sylw cas yn drosedd, ond mae bygythiadau ac aflonyddu yn droseddau. Cadwch sgrinluniau "
                   "gyda'r dyddiad a'r amser."
                 : "Not every unpleasant comment is a crime, but threats and harassment are. Keep screenshots with "
                   "the date and time, and the address of the page.")});
        m.blocks.push_back(content::Scenario{
            "repeated-messages",
            t(cy ? "Mae rhywun yn anfon negeseuon bygythiol atoch bob dydd am wythnos."
                 : "Someone sends you threatening messages every day for a week."),
            content::Verdict::Crime,
            {t(cy ? "Gall ymddygiad dro ar ôl tro sy'n achosi gofid fod yn aflonyddu."
                  : "Repeated conduct that causes alarm or distress can be harassment.")},
            t("Protection from Harassment Act 1997, section 2")});
        m.blocks.push_back(content::Scenario{
            "rude-reply",
            t(cy ? "Mae rhywun yn dweud bod eich polisïau'n wirion." : "Someone says your policies are stupid."),
            content::Verdict::NotCrime,
            {t(cy ? "Mae beirniadaeth wleidyddol, hyd yn oed os yw'n anghwrtais, yn cael ei diogelu."
                  : "Political criticism, even rude, is protected expression.")},
            {}});
        m.blocks.push_back(content::Callout{content::CalloutKind::Tip, {},
                                            {t(cy ? "Defnyddiwch osodiadau preifatrwydd." : "Use privacy settings.")}});
        out.push_back(std::move(m));
    }
    return out;
}

content::ForceProfile demoForce() {
    return content::loadForceProfile(sourceDir() + "/content/course/forces/demo.toml");
}

PackRequest sampleRequest(const std::string& name, PackLanguage lang) {
    PackRequest r;
    r.candidateName = name;
    r.constituency = "Constituency of " + name;
    r.language = lang;
    r.briefingDate = "2026-11-27";
    r.officer = "PC Alex Morgan";
    r.force = demoForce();
    if (lang == PackLanguage::Bilingual) {
        for (auto& m : sampleModules("cy")) r.modules.push_back(m);
        for (auto& m : sampleModules("en-GB")) r.modules.push_back(m);
    } else {
        r.modules = sampleModules(lang == PackLanguage::Welsh ? "cy" : "en-GB");
    }
    r.courseVersion = "2026.1";
    r.lawAsAt = "2026-10-01";
    r.plan.canvassingPartner = "Partner of " + name;
    r.plan.whoKnowsWhereIAm = "Office of " + name;
    r.plan.checkInTimes = "12:00 and 18:00";
    r.plan.onlineLockdown = "Home address of " + name;
    r.modulesCompleted = {"staying-safe", "online-abuse"};
    r.verificationCode = "K7Q-" + std::to_string(name.size() % 1000);
    return r;
}

const std::vector<std::string>& hardNames() {
    static const std::vector<std::string> kNames = {
        "Siân Gwenllian", "Llŷr Ŵyn",  "Zbigniew Łukasz Wróbel", "Nguyễn Thị Ánh",
        "Ελένη",          "Наталья", "O'Brien-Smith"};
    return kNames;
}

}  // namespace print::testing
