// SPDX-License-Identifier: MIT
#include "training/cmaes_engine.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <vector>

namespace baton::core {
namespace {

/// Where the module may be, in the order tried.
std::vector<std::string> candidatePaths() {
    std::vector<std::string> paths;
    if (const char* chosen = std::getenv("BATON_CMAES_MODULE"); chosen && *chosen)
        return {chosen}; // the user's choice, and nothing else in its place
    std::error_code error;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return paths;
    // Installed: /usr/bin/baton-cli -> /usr/lib/baton/libbaton_cmaes.so (the library folder as
    // configured: lib, or lib/<multiarch> for a /usr prefix).
    paths.push_back((exe.parent_path().parent_path() / BATON_CMAES_INSTALL_DIR / "libbaton_cmaes.so").string());
    // The build tree's, only for a program that runs from that tree: an installed program never
    // opens a path outside its installation.
    std::filesystem::path tree = std::filesystem::weakly_canonical(BATON_BUILD_DIR, error);
    if (!error && exe.string().starts_with(tree.string() + "/")) paths.emplace_back(BATON_CMAES_BUILD_PATH);
    return paths;
}

Result<CreateCmaesEngine> open() {
    std::string tried;
    for (const auto& path : candidatePaths()) {
        if (!std::filesystem::exists(path)) {
            tried += "\n  " + path + ": not there";
            continue;
        }
        // Kept open for the life of the process (never dlclose'd: engines may outlive any owner).
        void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            const char* why = dlerror();
            tried += "\n  " + path + ": " + (why ? why : "cannot be opened");
            continue;
        }
        if (auto create = reinterpret_cast<CreateCmaesEngine>(dlsym(module, kCreateCmaesEngineSymbol))) return create;
        tried += "\n  " + path + ": has no " + kCreateCmaesEngineSymbol;
    }
    return fail(ErrorKind::NotFound, "the CMA-ES module (libbaton_cmaes.so, which training needs) could not be "
                                     "opened; reinstall Baton, or set BATON_CMAES_MODULE to its path. Looked at:" +
                                         tried);
}

} // namespace

Result<CreateCmaesEngine> cmaesEngineFactory() {
    static std::once_flag once;
    static Result<CreateCmaesEngine> factory = fail(ErrorKind::Internal, "not opened");
    std::call_once(once, [] { factory = open(); });
    return factory;
}

} // namespace baton::core
