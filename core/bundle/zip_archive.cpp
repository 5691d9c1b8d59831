// SPDX-License-Identifier: MIT
#include "bundle/zip_archive.h"
#include "util/file_io.h"

#include "io/zip_entry.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <zip.h>

namespace baton::core {

namespace {

std::string zipError(zip_t* archive) { return archive ? zip_strerror(archive) : "unknown libzip error"; }

// libzip calls these while zip_close writes the archive.
struct WriteWatch {
    const BundleProgress* progress;
    bool cancelled = false;
};

void onWriteProgress(zip_t*, double fraction, void* state) {
    static_cast<WriteWatch*>(state)->progress->step(int64_t(fraction * 1000), 1000);
}

int onWriteCancel(zip_t*, void* state) {
    auto* watch = static_cast<WriteWatch*>(state);
    if (watch->progress->stopped()) watch->cancelled = true;
    return watch->cancelled ? 1 : 0;
}

} // namespace

Status writeZip(const std::string& path, const ZipEntries& entries, const BundleProgress& progress) {
    if (progress.stopped()) return std::unexpected(bundleCancelled());
    std::string temporary = path + ".part";
    std::error_code ignored;
    // libzip only finds a missing folder when it closes the archive, and then says "Failure to
    // create temporary file"; say what is wrong before any work.
    auto folder = std::filesystem::path(path).parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder, ignored))
        return fail(ErrorKind::Io, path + ": the folder " + folder.string() +
                                       " does not exist; create it or choose another place for the zip");
    if (auto target = outputTarget(path); !target || *target == OutputTarget::Stream)
        return target ? fail(ErrorKind::BadInput, path + ": is a device or pipe; a zip is written to a file, name one")
                      : std::unexpected(target.error());
    std::filesystem::remove(temporary, ignored);
    int code = 0;
    zip_t* archive = zip_open(temporary.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(ErrorKind::Io, path + ": cannot create the zip (" + message + "); check the folder exists and is writable");
    }
    for (const auto& [name, bytes] : entries) {
        // libzip copies nothing until zip_close, so the buffers of `entries` must outlive it (they do).
        zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        if (!source || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            if (source) zip_source_free(source);
            std::string message = zipError(archive);
            zip_discard(archive);
            return fail(ErrorKind::Io, path + ": cannot add " + name + " to the zip (" + message + ")");
        }
    }
    WriteWatch watch{&progress};
    zip_register_progress_callback_with_state(archive, 0.01, onWriteProgress, nullptr, &watch);
    zip_register_cancel_callback_with_state(archive, onWriteCancel, nullptr, &watch);
    if (zip_close(archive) != 0) {
        std::string message = zipError(archive);
        zip_error_t* error = zip_get_error(archive);
        int cause = zip_error_system_type(error) == ZIP_ET_SYS ? zip_error_code_system(error) : 0;
        zip_discard(archive);
        std::filesystem::remove(temporary, ignored);
        if (watch.cancelled) return std::unexpected(bundleCancelled());
        // A read-only folder was told "is the disk full?".
        bool denied = cause == EACCES || cause == EPERM || cause == EROFS;
        return fail(ErrorKind::Io, path + ": cannot write the zip (" + message + "); " +
                                       (denied ? "the folder is not writable, choose another" : "is the disk full?"));
    }
    std::filesystem::rename(temporary, path, ignored);
    if (ignored) {
        std::string message = ignored.message();
        std::filesystem::remove(temporary, ignored);
        return fail(ErrorKind::Io, path + ": cannot move the finished zip into place: " + message);
    }
    return {};
}

Result<ZipEntries> readZip(const std::string& path, const BundleProgress& progress) {
    if (!std::filesystem::exists(path)) return fail(ErrorKind::NotFound, path + ": no such file");
    int code = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(zip_open(path.c_str(), ZIP_RDONLY, &code), &zip_discard);
    if (!archive) return fail(ErrorKind::BadInput, path + ": not a readable zip archive (libzip error " + std::to_string(code) + ")");
    ZipEntries entries;
    zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    // The sizes the zip states, summed before anything is unpacked: reading allocates what they say.
    uint64_t stated = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &stat) != 0)
            return fail(ErrorKind::BadInput,
                        path + ": entry " + std::to_string(i) + " is unreadable: " + zipError(archive.get()));
        stated += std::min<uint64_t>(stat.size, kMaxZipBytes + 1);
        if (stated > kMaxZipBytes)
            return fail(ErrorKind::BadInput,
                        path + ": its files would take more than " + std::to_string(kMaxZipBytes >> 30) +
                            " GiB once unpacked (a zip bomb?); not a Baton bundle, nothing was read");
    }
    for (zip_int64_t i = 0; i < count; ++i) {
        if (progress.stopped()) return std::unexpected(bundleCancelled());
        progress.step(i, count);
        zip_stat_t stat;
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &stat) != 0)
            return fail(ErrorKind::BadInput, path + ": entry " + std::to_string(i) + " is unreadable: " + zipError(archive.get()));
        std::string name = stat.name;
        if (!name.empty() && name.back() == '/') continue; // a folder
        auto bytes = readZipEntry(archive.get(), zip_uint64_t(i), path, "a Baton bundle");
        if (!bytes) return std::unexpected(bytes.error());
        entries[name] = std::move(*bytes);
    }
    progress.step(count, count);
    return entries;
}

} // namespace baton::core
