// Removable drives from a fake mount table and /sys/block tree. Layer: tests/officer.
#include "kiosk/officer/drives.hpp"
#include "officer_test_util.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace kiosk::officer;
using officer_test::TempDir;
using officer_test::writeBytes;
namespace fs = std::filesystem;

namespace {

void disk(const fs::path& sys, const std::string& name, const std::string& removable,
          const std::vector<std::string>& partitions = {}) {
    writeBytes(sys / name / "removable", removable + "\n");
    for (const auto& p : partitions) fs::create_directories(sys / name / p);
}

}  // namespace

TEST_CASE("removable drives come from the mount table, sysfs and /media mount points", "[officer]") {
    TempDir tmp;
    const fs::path sys = tmp.path() / "sys" / "block";
    disk(sys, "sda", "0", {"sda1", "sda2"});
    disk(sys, "sdb", "1", {"sdb1"});
    disk(sys, "sdc", "1");
    disk(sys, "mmcblk0", "0", {"mmcblk0p1"});
    const fs::path stick = tmp.path() / "mnt" / "USB STICK";
    const fs::path cd = tmp.path() / "mnt" / "CDROM";
    fs::create_directories(stick);
    fs::create_directories(cd);
    const std::string mnt = (tmp.path() / "mnt").string();
    writeBytes(tmp.path() / "proc" / "mounts",
               "/dev/sda1 / ext4 rw,relatime 0 0\n"
               "proc /proc proc rw,nosuid 0 0\n"
               "tmpfs /run tmpfs rw,nosuid 0 0\n"
               "/dev/sda2 /home ext4 rw 0 0\n"
               "/dev/mmcblk0p1 /boot vfat rw 0 0\n"
               "/dev/sdb1 " + mnt + "/USB\\040STICK vfat rw,nosuid,nodev 0 0\n"
               "/dev/sdc " + mnt + "/CDROM iso9660 ro,nosuid 0 0\n"
               "/dev/sdd1 /media/officer/BACKUP ext4 rw 0 0\n"
               "/dev/sdb1 " + mnt + "/USB\\040STICK vfat rw,nosuid,nodev 0 0\n"
               "garbage\n");
    const auto drives = listRemovableDrives({tmp.path() / "proc" / "mounts", sys});
    REQUIRE(drives.size() == 3);

    CHECK(drives[0].label == "USB STICK");
    CHECK(drives[0].mountPoint == stick);
    CHECK(drives[0].device == "/dev/sdb1");  // a partition, resolved to its removable disk sdb
    CHECK(drives[0].writable);
    CHECK(drives[0].freeBytes > 0);

    CHECK(drives[1].label == "CDROM");
    CHECK(drives[1].device == "/dev/sdc");
    CHECK_FALSE(drives[1].writable);  // mounted read-only

    // Not in sysfs, but mounted where desktop automounters put removable media.
    CHECK(drives[2].label == "BACKUP");
    CHECK(drives[2].mountPoint == "/media/officer/BACKUP");
    if (!fs::exists("/media/officer/BACKUP")) {
        CHECK_FALSE(drives[2].writable);
        CHECK(drives[2].freeBytes == 0);
    }
}

TEST_CASE("a missing mount table gives no drives, and mount escapes are decoded", "[officer]") {
    TempDir tmp;
    CHECK(listRemovableDrives({tmp.path() / "no-such-mounts", tmp.path() / "no-sys"}).empty());
    CHECK(unescapeMountField("USB\\040STICK") == "USB STICK");
    CHECK(unescapeMountField("a\\011b\\134c") == "a\tb\\c");
    CHECK(unescapeMountField("trailing\\04") == "trailing\\04");
    CHECK(unescapeMountField("plain") == "plain");
}
