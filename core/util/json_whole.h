// SPDX-License-Identifier: MIT
#pragma once
/// wholeAs<T>: a whole number read with nlohmann::json from a file Baton did not write (a bundle, a
/// router file), checked to fit T before it is converted. nlohmann's get<int>() converts with a bare
/// cast: 1e30 is undefined behaviour, 4294967297 becomes 1 and 2.5 becomes 2.
/// Error contract: throws JsonRangeError (a std::out_of_range) naming `what` and the value when it is
/// not a whole number within T's range; a value that is not a number throws nlohmann's type_error.

#include <cfloat>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace baton::core {

class JsonRangeError : public std::out_of_range {
public:
    using std::out_of_range::out_of_range;
};

template <class T> T wholeAs(const nlohmann::json& v, const std::string& what) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
    using Limits = std::numeric_limits<T>;
    auto refuse = [&]() -> T {
        throw JsonRangeError("\"" + what + "\" must be a whole number from " + std::to_string(Limits::min()) + " to " +
                             std::to_string(Limits::max()) + ", got " + v.dump());
    };
    if (v.is_number_unsigned()) {
        auto u = v.get<uint64_t>();
        return u <= uint64_t(Limits::max()) ? T(u) : refuse();
    }
    if (v.is_number_integer()) {
        auto i = v.get<int64_t>();
        if constexpr (std::is_signed_v<T>)
            return i >= int64_t(Limits::min()) && i <= int64_t(Limits::max()) ? T(i) : refuse();
        else
            return i >= 0 && uint64_t(i) <= uint64_t(Limits::max()) ? T(i) : refuse();
    }
    if (v.is_number_float()) {
        // T's range as doubles: [-2^digits, 2^digits) for a signed T, [0, 2^digits) for an unsigned one; both
        // bounds are exact in a double, where Limits::max() of a 64-bit type is not.
        const double high = std::ldexp(1.0, Limits::digits), low = std::is_signed_v<T> ? -high : 0.0;
        double d = v.get<double>();
        return d >= low && d < high && d == std::floor(d) ? T(d) : refuse();
    }
    return v.get<T>(); // not a number: nlohmann's own type_error says what it is
}

/// wholeAs of obj[key], or `fallback` when the key is absent (nlohmann's value(key, fallback), checked).
template <class T> T wholeAs(const nlohmann::json& obj, const char* key, T fallback) {
    auto it = obj.find(key);
    return it == obj.end() ? fallback : wholeAs<T>(*it, key);
}

/// wholeAs of obj[key], or nullopt when the key is absent or null.
template <class T> std::optional<T> optionalWholeAs(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? std::nullopt : std::optional<T>(wholeAs<T>(*it, key));
}

/// An array of numbers as floats (learned weights): each must be finite within float's range, since a double
/// beyond FLT_MAX converted to float is undefined behaviour in C++ (and infinity on x86, which then makes
/// every score NaN). Throws JsonRangeError naming `what`[index], or nlohmann's type_error for a non-number.
inline std::vector<float> floatsAs(const nlohmann::json& v, const std::string& what) {
    if (!v.is_array()) return v.get<std::vector<float>>(); // nlohmann's type_error says what it is instead
    std::vector<float> out;
    out.reserve(v.size());
    for (size_t k = 0; k < v.size(); ++k) {
        double d = v[k].get<double>();
        if (!(std::fabs(d) <= FLT_MAX))
            throw JsonRangeError(what + "[" + std::to_string(k) + "] must be a number within float's range (" +
                                 std::to_string(FLT_MAX).substr(0, 9) + "e38), got " + v[k].dump());
        out.push_back(float(d));
    }
    return out;
}

} // namespace baton::core
