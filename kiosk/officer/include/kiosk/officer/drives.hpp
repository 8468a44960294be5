// Removable drives an officer can export to, found without any operating-system file dialog: the mount
// table plus /sys/block/<disk>/removable, and anything mounted under /media or /run/media.
// Layer: kiosk/officer. Reads only the files named in DriveSources, so tests feed fake trees.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::officer {

struct DriveSources {
    std::filesystem::path mounts = "/proc/self/mounts";  // fstab format: device mountpoint type options 0 0
    std::filesystem::path sysBlock = "/sys/block";
};

struct RemovableDrive {
    std::string label;                    // the mount point's last part, e.g. "KINGSTON"
    std::filesystem::path mountPoint;     // e.g. /media/officer/KINGSTON
    std::string device;                   // e.g. /dev/sdb1
    std::uintmax_t freeBytes = 0;         // available to us (statvfs f_bavail)
    bool writable = false;                // mounted rw and we may write to the mount point
};

// Mounted removable drives, in mount-table order, each mount point once. A drive counts as removable when
// /sys/block/<disk>/removable is 1 for its device (partitions resolved to their disk) or it is mounted at
// /media/<x>, /media/<user>/<x> or /run/media/<user>/<x>. An unreadable mount table gives an empty list.
std::vector<RemovableDrive> listRemovableDrives(const DriveSources& sources = {});

// Decodes the octal escapes of the mount table ("\040" for a space).
std::string unescapeMountField(const std::string& field);

}  // namespace kiosk::officer
