// SPDX-License-Identifier: MIT
#include "util/json_text.h"
#include "util/json_brackets.h"

#include <algorithm>

namespace baton::core {

size_t jsonNestingDepth(std::string_view text) {
    size_t deepest = 0;
    walkJsonBrackets(text, 0, [&](size_t, size_t depth) {
        deepest = std::max(deepest, depth);
        return true;
    });
    return deepest;
}

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& where) {
    if (size_t depth = jsonNestingDepth(text); depth > kMaxJsonDepth)
        return fail(ErrorKind::BadInput, where + ": JSON nested " + std::to_string(depth) + " levels deep; at most " +
                                             std::to_string(kMaxJsonDepth) + " are accepted (flatten the data)");
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        bool utf8 = e.id == 101 && std::string_view(e.what()).find("UTF-8") != std::string_view::npos;
        // "\ud800" alone was told to look for a missing comma or quote (session 16).
        bool surrogate = e.id == 101 && std::string_view(e.what()).find("surrogate") != std::string_view::npos;
        return fail(ErrorKind::BadInput,
                    where + ": not valid JSON at byte " + std::to_string(e.byte) +
                        (utf8        ? "; the text is not UTF-8 (re-save the file as UTF-8)"
                         : surrogate ? "; a \\uD800-\\uDFFF escape without its pair (a lone surrogate) is not text; "
                                       "write the character itself or both halves of its pair"
                                     : "; fix the syntax (a missing comma or quote is the usual cause)"));
    } catch (const nlohmann::json::out_of_range&) {
        return fail(ErrorKind::BadInput, where + ": a number is too large for a double (e.g. 1e400); use a number "
                                                 "below 1.8e308");
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorKind::BadInput, where + ": not valid JSON (" + e.what() + ")");
    }
}

nlohmann::json parseJsonOrDiscarded(std::string_view text) {
    if (jsonNestingDepth(text) > kMaxJsonDepth) return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(text, nullptr, false);
}

} // namespace baton::core
