// SPDX-License-Identifier: MIT
#pragma once
/// CallLogger: hands every attempt's row (and its request and response text, content-addressed)
/// to the workspace's StoreWriter without blocking the event loop, and remembers the first write
/// error so the run can stop with it.

#include "model/call.h"
#include "store/store_writer.h"

#include <deque>
#include <future>

namespace baton::core {

class CallLogger {
public:
    explicit CallLogger(StoreWriter& writer) : m_writer(writer) {}

    void log(Call call, std::string requestText, std::string responseText);
    /// Any other write (outcomes, cache entries) that must be checked the same way. The future
    /// is ready once the write is committed (or failed).
    std::shared_future<Status> submit(StoreWriter::Operation op);
    /// The first write error so far, without waiting.
    std::optional<Error> firstError();
    /// Waits for every write; the first error, if any.
    Status flush();

private:
    StoreWriter& m_writer;
    std::deque<std::shared_future<Status>> m_pending;
    std::optional<Error> m_error;
};

} // namespace baton::core
