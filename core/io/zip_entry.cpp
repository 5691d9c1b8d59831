// SPDX-License-Identifier: MIT
#include "io/zip_entry.h"

#include <algorithm>
#include <memory>
#include <zip.h>

namespace baton::core {

Result<std::string> readZipEntry(zip* archive, uint64_t index, const std::string& path, const std::string& expected) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, index, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME) || !(stat.valid & ZIP_STAT_SIZE))
        return fail(ErrorKind::BadInput, path + ": entry " + std::to_string(index) + " of the zip is unreadable (" +
                                             zip_strerror(archive) + "); is it " + expected + "?");
    std::string where = path + ": \"" + stat.name + "\" inside the zip";
    if (stat.size > kZipEntryMaxBytes)
        return fail(ErrorKind::BadInput, where + " states " + std::to_string(stat.size) +
                                             " bytes, more than the 4 GiB Baton reads of one entry; a damaged or "
                                             "crafted zip states sizes it does not hold: check the file is " +
                                             expected);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(archive, index, 0), &zip_fclose);
    if (!file)
        return fail(ErrorKind::BadInput,
                    where + " cannot be opened (" + zip_strerror(archive) + "); is it " + expected + "?");
    // The stated size is a claim: grow with what arrives, and read one byte past it to see the
    // entry ends where it says.
    std::string bytes;
    constexpr zip_uint64_t kChunk = zip_uint64_t(1) << 20;
    zip_int64_t got = 0;
    do {
        size_t at = bytes.size();
        bytes.resize(at + size_t(std::min(kChunk, stat.size + 1 - at)));
        got = zip_fread(file.get(), bytes.data() + at, bytes.size() - at);
        bytes.resize(at + size_t(std::max<zip_int64_t>(got, 0)));
    } while (got > 0 && bytes.size() <= stat.size);
    std::string stated = std::to_string(stat.size) + " bytes";
    if (got < 0)
        return fail(ErrorKind::BadInput, where + " is damaged: reading it failed after " +
                                             std::to_string(bytes.size()) + " of the " + stated + " it states (" +
                                             zip_file_strerror(file.get()) + "); check the file is " + expected);
    if (bytes.size() != stat.size)
        return fail(ErrorKind::BadInput, where + " is damaged: it states " + stated + " and holds " +
                                             (bytes.size() > stat.size ? "more" : std::to_string(bytes.size())) +
                                             "; check the file is " + expected);
    return bytes;
}

} // namespace baton::core
