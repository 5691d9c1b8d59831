// SPDX-License-Identifier: MIT
#pragma once
/// Requests and responses as an analyst reads them: the messages of a Chat Completions,
/// Anthropic Messages or Gemini request as "ROLE:" blocks of plain text (escapes undone), the
/// answer text of a response, and any other JSON pretty-printed. Text that is not JSON is
/// returned as it is. Pure; never throws.

#include <string>

namespace baton::core {

std::string readableRequest(const std::string& body);
std::string readableResponse(const std::string& body);

} // namespace baton::core
