// SPDX-License-Identifier: MIT
#include "net/blocking_fetch.h"

#include <future>

namespace baton::core {

HttpResult fetchBlocking(HttpEventLoop& loop, HttpRequest request, std::string& body) {
    std::promise<HttpResult> done;
    auto result = done.get_future();
    HttpHandlers handlers;
    handlers.onData = [&body](std::string_view chunk) { body.append(chunk); };
    handlers.onDone = [&done](HttpResult r) { done.set_value(std::move(r)); };
    loop.start(std::move(request), std::move(handlers));
    return result.get();
}

} // namespace baton::core
