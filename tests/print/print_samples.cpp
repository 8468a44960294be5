// Writes sample packs (English, Welsh, large print, bilingual, Letter, long name) to a folder for people to look at.
// Layer: tests (print). Usage: print_samples OUT_DIR
#include <cstdio>
#include <exception>
#include <filesystem>

#include "fixtures.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: print_samples OUT_DIR\n");
        return 2;
    }
    try {
        using namespace print;
        std::filesystem::create_directories(argv[1]);
        const std::filesystem::path out = argv[1];
        PackRenderer renderer(findPackAssets());
        renderer.writeFile(testing::sampleRequest("Siân Gwenllian"), out / "english.pdf");
        renderer.writeFile(testing::sampleRequest("Llŷr Ŵyn", PackLanguage::Welsh), out / "welsh.pdf");
        auto large = testing::sampleRequest("Zbigniew Łukasz Wróbel");
        large.largePrint = true;
        renderer.writeFile(large, out / "large-print.pdf");
        renderer.writeFile(testing::sampleRequest("Nguyễn Thị Ánh", PackLanguage::Bilingual), out / "bilingual.pdf");
        auto letter = testing::sampleRequest("Ελένη Παπαδοπούλου");
        letter.paper = Paper::Letter;
        letter.includePlan = false;
        renderer.writeFile(letter, out / "letter-no-plan.pdf");
        std::string longName;
        while (longName.size() < 300) longName += "Наталья O'Brien-Smith Gwenllian ";
        auto longReq = testing::sampleRequest(longName);
        longReq.constituency = longName;
        renderer.writeFile(longReq, out / "long-name.pdf");
        auto longAnswers = testing::sampleRequest("O'Brien-Smith");
        longAnswers.largePrint = true;
        std::string answer;
        for (int i = 0; i < 40; ++i) answer += "Ring Dafydd at the office number " + std::to_string(i) + ". ";
        longAnswers.plan.canvassingPartner = answer;
        renderer.writeFile(longAnswers, out / "long-answers.pdf");
        std::printf("wrote 7 packs to %s\n", argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "print_samples: %s\n", e.what());
        return 1;
    }
    return 0;
}
