// SPDX-License-Identifier: MIT
#include "training/cmaes_engine.h"

#include <dlfcn.h>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

namespace baton::core {
namespace {

/// Where the module may be, in the order tried.
std::vector<std::string> candidatePaths(const std::string& chosen) {
    std::vector<std::string> paths;
    if (!chosen.empty()) return {chosen}; // the user's choice, and nothing else in its place
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

Result<CreateCmaesEngine> open(const std::string& chosen) {
    std::string tried;
    for (const auto& path : candidatePaths(chosen)) {
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

Result<CreateCmaesEngine> cmaesEngineFactory(const std::string& modulePath) {
    static std::mutex mutex;
    static std::map<std::string, Result<CreateCmaesEngine>> opened; // by the path asked for
    std::lock_guard lock(mutex);
    auto it = opened.find(modulePath);
    if (it == opened.end()) it = opened.emplace(modulePath, open(modulePath)).first;
    return it->second;
}

} // namespace baton::core
