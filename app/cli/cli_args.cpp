// SPDX-License-Identifier: MIT
#include "cli_args.h"

namespace baton::cli {

std::optional<std::string> ParsedArgs::value(const std::string& option) const {
    auto it = values.find(option);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> ParsedArgs::all(const std::string& option) const {
    auto it = values.find(option);
    return it == values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<ParsedArgs> parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                                    std::string& error) {
    ParsedArgs parsed;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "--") {
            parsed.positional.insert(parsed.positional.end(), args.begin() + long(i) + 1, args.end());
            break;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
            parsed.positional.push_back(arg);
            continue;
        }
        std::optional<std::string> inlineValue;
        if (auto eq = arg.find('='); eq != std::string::npos) inlineValue = arg.substr(eq + 1), arg = arg.substr(0, eq);
        if (arg == "--help" || arg == "--json") {
            parsed.flags.insert(arg);
            continue;
        }
        const OptionSpec* spec = nullptr;
        for (const auto& s : specs)
            if (s.name == arg) spec = &s;
        if (!spec) {
            error = "unknown option " + arg;
            return std::nullopt;
        }
        if (!spec->takesValue) {
            if (inlineValue) {
                error = arg + " takes no value";
                return std::nullopt;
            }
            parsed.flags.insert(arg);
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                error = arg + " needs a value";
                return std::nullopt;
            }
            inlineValue = args[++i];
        }
        auto& slot = parsed.values[arg];
        if (!slot.empty() && !spec->repeatable) {
            error = arg + " given twice";
            return std::nullopt;
        }
        slot.push_back(*inlineValue);
    }
    return parsed;
}

} // namespace baton::cli
