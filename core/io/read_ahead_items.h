// SPDX-License-Identifier: MIT
#pragma once
/// ReadAheadItems: a task file's items read, checked and dumped on a thread of its own, a few
/// batches ahead of the caller. Parsing a line and dumping its item take about as long as
/// SQLite takes to store it, so a streaming import runs both side by side instead of in turn.

#include "io/task_item_reader.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace baton::core {

/// One record of the file, ready to be stored.
struct ReadAheadItem {
    ReadItem read;
    TaskItemDump dump; ///< of read.item; empty when read.problem is not
};

class ReadAheadItems {
public:
    /// Starts reading `reader` at once. Throws std::system_error when no thread can be started.
    explicit ReadAheadItems(std::unique_ptr<TaskItemReader> reader);
    /// Stops the thread; what it read ahead is dropped.
    ~ReadAheadItems();
    ReadAheadItems(const ReadAheadItems&) = delete;
    ReadAheadItems& operator=(const ReadAheadItems&) = delete;

    /// The next record, in the file's order, the caller's to change until the next call; nullptr
    /// at the end. Errors: the reader's, after every record before it. The records are not
    /// moved out: a batch handed out whole goes back to the reader's thread, which frees it (the
    /// writer's thread spent a tenth of its time moving records and freeing the reader's memory).
    Result<ReadAheadItem*> next();

private:
    using Batch = std::vector<ReadAheadItem>;
    void readAll();
    Result<bool> readOne(ReadAheadItem& out); ///< as TaskItemReader::next, never throws
    bool publish(Batch&& batch);              ///< false when the caller has gone

    std::unique_ptr<TaskItemReader> m_reader;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready;
    std::vector<Batch> m_spent; ///< handed out whole, to be freed on the reader's thread
    bool m_done = false;     ///< the reader's thread has ended (m_error set if it failed)
    bool m_stopping = false; ///< the caller has gone
    std::optional<Error> m_error;
    Batch m_taken; ///< the caller's side: the batch being handed out
    size_t m_nextInTaken = 0;
    std::thread m_thread; ///< last: starts once the members above exist
};

} // namespace baton::core
