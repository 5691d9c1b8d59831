// SPDX-License-Identifier: MIT
#include "util/file_io.h"
#include "util/sha256.h"
#include "util/temp_files.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace baton::core {
namespace {

std::string systemReason(int err) {
    return std::strerror(err);
}

Status writeAll(int fd, const std::string& content, const std::string& shownPath) {
    size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            return fail(ErrorKind::Io, shownPath + ": cannot write (" + systemReason(errno) +
                                           "); the original file is unchanged. Free some disk space or choose "
                                           "another folder.");
        written += size_t(n);
    }
    return {};
}

} // namespace

Result<std::unique_ptr<std::ifstream>> openTextFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return fail(ErrorKind::NotFound, path + ": no such file; check the path.");
    if (std::filesystem::is_directory(path, ec)) return fail(ErrorKind::BadInput, path + ": is a folder, not a file.");
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*in) return fail(ErrorKind::Io, path + ": cannot open for reading (" + systemReason(errno) + ").");
    return in;
}

Result<std::string> sha256OfFile(const std::string& path) {
    auto in = openTextFile(path);
    if (!in) return std::unexpected(in.error());
    Sha256 sha;
    std::string chunk(1 << 20, '\0');
    while (**in) {
        (*in)->read(chunk.data(), std::streamsize(chunk.size()));
        sha.update(std::string_view(chunk.data(), size_t((*in)->gcount())));
    }
    if ((*in)->bad()) return fail(ErrorKind::Io, path + ": read error (" + systemReason(errno) + ").");
    return sha.hexDigest();
}

Result<std::string> readTextFile(const std::string& path) {
    auto opened = openTextFile(path);
    if (!opened) return std::unexpected(opened.error());
    std::ifstream& in = **opened;
    std::error_code ec;
    // Read in one piece into a string of the file's size (no stream buffer grown and copied);
    // a file that grows meanwhile is read to its end.
    std::string text(size_t(std::filesystem::file_size(path, ec)), '\0');
    if (ec) text.clear();
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(size_t(in.gcount()));
    if (in.bad()) return fail(ErrorKind::Io, path + ": read error (" + systemReason(errno) + ").");
    if (in) { // not at the end yet
        std::ostringstream rest;
        rest << in.rdbuf();
        text += rest.str();
    }
    return text;
}

Result<OutputTarget> outputTarget(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return OutputTarget::Replace; // new (or a dangling link: replaced)
    if (S_ISREG(st.st_mode)) return OutputTarget::Replace;
    if (S_ISDIR(st.st_mode))
        return fail(ErrorKind::BadInput, path + ": is a folder, not a file; name a file inside it.");
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return OutputTarget::Stream;
    return fail(ErrorKind::BadInput, path + ": is a device or socket, not a file; choose a file to write.");
}

Status writeFileAtomically(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    auto kind = outputTarget(path);
    if (!kind) return std::unexpected(kind.error());
    if (*kind == OutputTarget::Stream) {
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return fail(ErrorKind::Io, path + ": cannot open for writing (" + systemReason(errno) + ").");
        auto written = writeAll(fd, content, path);
        ::close(fd);
        return written;
    }
    fs::path target(path);
    fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return fail(ErrorKind::Io, path + ": cannot create a temporary file in " + folder.string() + " (" +
                                       systemReason(errno) + "); check that the folder exists and is writable.");
    SignalledTemporary removedOnSignal(tmpl); // SIGTERM mid-write left it in the folder
    ::fchmod(fd, 0644);
    auto written = writeAll(fd, content, path);
    if (written && ::fsync(fd) != 0)
        written = fail(ErrorKind::Io, path + ": cannot flush to disk (" + systemReason(errno) + ").");
    ::close(fd);
    if (!written) {
        ::unlink(tmpl.c_str());
        return written;
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        return fail(ErrorKind::Io, path + ": cannot replace the file (" + systemReason(err) + ").");
    }
    int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd); // make the rename itself durable
        ::close(dirFd);
    }
    return {};
}

} // namespace baton::core
