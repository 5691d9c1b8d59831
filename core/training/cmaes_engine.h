// SPDX-License-Identifier: MIT
#pragma once
/// CmaesEngine: what BatchedCmaes asks of the CMA-ES search, implemented on pagmo in a module of
/// its own (libbaton_cmaes.so, training/module/), the one user of pagmo. The module is opened at
/// first use, not linked: loading libpagmo runs its static initialisers (boost serialization of
/// every algorithm and problem), about 0.1 s of CPU in every process that links it (measured:
/// `int main() {}` linked with -lpagmo, 0.09 s user+sys against 0.00 s), which every CLI command
/// and the workbench paid at start although only training uses it.

#include "training/batched_cmaes.h"
#include "util/result.h"

#include <memory>
#include <string>

namespace baton::core {

class CmaesEngine {
public:
    virtual ~CmaesEngine() = default;
    virtual void start(const BatchedCmaes::Candidates& initial) = 0;
    virtual void evolve() = 0;
    virtual std::vector<double> champion() const = 0;
    virtual int64_t playedAlone() const = 0;
};

/// The module's one entry point (extern "C", by this name).
using CreateCmaesEngine = CmaesEngine* (*)(const BatchedCmaes::Options& options, BatchedCmaes::PlayAll playAll,
                                            BatchedCmaes::PlayOne playOne);
constexpr const char* kCreateCmaesEngineSymbol = "baton_create_cmaes_engine";

/// Opens the module (once per process and path): `modulePath` when not empty, and then only it
/// (the caller's choice: baton-cli and the workbench pass BATON_CMAES_MODULE, which core never
/// reads); else the one installed beside the program, then, for a program of the build tree only,
/// the build tree's. Errors: NotFound naming every place looked at.
Result<CreateCmaesEngine> cmaesEngineFactory(const std::string& modulePath);

} // namespace baton::core
