// SPDX-License-Identifier: MIT
#include "sim/demo_questions.h"

#include <algorithm>
#include <array>
#include <vector>

namespace baton::core {
namespace {

std::string str(int64_t v) {
    return std::to_string(v);
}

template <class T, size_t N> const T& pick(Rng& rng, const std::array<T, N>& values) {
    return values[static_cast<size_t>(rng.between(0, int64_t(N) - 1))];
}

/// Shuffles `options` (the first is correct) and renders "(A) .. (D)"; returns the gold letter.
std::string choices(Rng& rng, std::vector<std::string> options, std::string& rendered) {
    std::string correct = options.front();
    for (size_t i = options.size() - 1; i > 0; --i)
        std::swap(options[i], options[size_t(rng.between(0, int64_t(i)))]);
    std::string letter;
    for (size_t i = 0; i < options.size(); ++i) {
        std::string l(1, char('A' + i));
        rendered += "\n(" + l + ") " + options[i];
        if (options[i] == correct) letter = l;
    }
    return letter;
}

bool isPrime(int64_t n) {
    if (n < 2) return false;
    for (int64_t d = 2; d * d <= n; ++d)
        if (n % d == 0) return false;
    return true;
}

constexpr std::array<std::pair<const char*, const char*>, 24> kCapitals = {{{"Australia", "Canberra"},
                                                                            {"Canada", "Ottawa"},
                                                                            {"Brazil", "Brasilia"},
                                                                            {"Turkey", "Ankara"},
                                                                            {"Switzerland", "Bern"},
                                                                            {"New Zealand", "Wellington"},
                                                                            {"Morocco", "Rabat"},
                                                                            {"Vietnam", "Hanoi"},
                                                                            {"Nigeria", "Abuja"},
                                                                            {"Pakistan", "Islamabad"},
                                                                            {"Kenya", "Nairobi"},
                                                                            {"Peru", "Lima"},
                                                                            {"Norway", "Oslo"},
                                                                            {"Egypt", "Cairo"},
                                                                            {"Chile", "Santiago"},
                                                                            {"Poland", "Warsaw"},
                                                                            {"Portugal", "Lisbon"},
                                                                            {"Japan", "Tokyo"},
                                                                            {"Argentina", "Buenos Aires"},
                                                                            {"Finland", "Helsinki"},
                                                                            {"Ireland", "Dublin"},
                                                                            {"Greece", "Athens"},
                                                                            {"Thailand", "Bangkok"},
                                                                            {"Hungary", "Budapest"}}};

constexpr std::array<const char*, 12> kFirstNames = {"Ada",   "Bruno", "Chen", "Dalia", "Emeka", "Freya",
                                                     "Goran", "Hana",  "Ivan", "Jun",   "Kofi",  "Lena"};
constexpr std::array<const char*, 10> kLastNames = {"Okafor", "Silva",  "Novak",    "Tanaka", "Haddad",
                                                    "Larsen", "Moreau", "Kowalski", "Reyes",  "Weber"};

} // namespace

DemoQuestion arithmeticQuestion(Rng& rng) {
    int64_t a = rng.between(12, 999), b = rng.between(12, 999), c = rng.between(2, 30);
    switch (rng.between(0, 3)) {
    case 0:
        return {"What is " + str(a) + " + " + str(b) + " - " + str(c) + "?", str(a + b - c)};
    case 1:
        return {"What is " + str(a) + " x " + str(c) + "?", str(a * c)};
    case 2:
        return {"What is (" + str(a) + " - " + str(c) + ") x " + str(c % 9 + 2) + "?", str((a - c) * (c % 9 + 2))};
    default: {
        int64_t q = rng.between(11, 99);
        return {"What is " + str(q * c) + " divided by " + str(c) + "?", str(q)};
    }
    }
}

DemoQuestion wordProblem(Rng& rng) {
    DemoQuestion q;
    q.metadata["multi_step"] = true;
    switch (rng.between(0, 4)) {
    case 0: {
        int64_t trays = rng.between(3, 15), per = rng.between(6, 24), sold = rng.between(5, trays * per / 2),
                given = rng.between(1, 10);
        q.prompt = "A baker makes " + str(trays) + " trays of " + str(per) + " cookies. She sells " + str(sold) +
                   " cookies and gives " + str(given) + " to her neighbours. How many cookies does she have left?";
        q.answer = str(trays * per - sold - given);
        break;
    }
    case 1: {
        int64_t money = rng.between(40, 200), n = rng.between(2, 8), price = rng.between(2, 6), pen = rng.between(1, 5);
        q.prompt = "Tom has $" + str(money) + ". He buys " + str(n) + " notebooks at $" + str(price) +
                   " each and a pen for $" + str(pen) + ". How many dollars does he have left?";
        q.answer = str(money - n * price - pen);
        break;
    }
    case 2: {
        int64_t s1 = rng.between(40, 120), h1 = rng.between(1, 5), s2 = rng.between(40, 120), h2 = rng.between(1, 5);
        q.prompt = "A train travels at " + str(s1) + " km/h for " + str(h1) + " hours, then at " + str(s2) +
                   " km/h for " + str(h2) + " hours. How many kilometres does it travel in total?";
        q.answer = str(s1 * h1 + s2 * h2);
        break;
    }
    case 3: {
        int64_t n = 20 * rng.between(1, 6);
        static constexpr std::array<int64_t, 4> kPercents = {25, 40, 60, 75};
        int64_t p = pick(rng, kPercents);
        q.prompt =
            "A class has " + str(n) + " students and " + str(p) + "% of them are girls. How many boys are there?";
        q.answer = str(n - n * p / 100);
        break;
    }
    default: {
        int64_t chickens = rng.between(3, 40), cows = rng.between(2, 20), sheep = rng.between(0, 15);
        q.prompt = "A farm has " + str(chickens) + " chickens, " + str(cows) + " cows and " + str(sheep) +
                   " sheep. How many legs do the animals have in total?";
        q.answer = str(chickens * 2 + (cows + sheep) * 4);
    }
    }
    return q;
}

DemoQuestion multipleChoiceQuestion(Rng& rng) {
    DemoQuestion q;
    q.grader = GraderKind::Choice;
    std::vector<std::string> options;
    switch (rng.between(0, 2)) {
    case 0: {
        int64_t prime = rng.between(20, 200);
        while (!isPrime(prime))
            ++prime;
        options.push_back(str(prime));
        while (options.size() < 4) {
            int64_t composite = rng.between(20, 200) | 1;
            if (!isPrime(composite) && std::find(options.begin(), options.end(), str(composite)) == options.end())
                options.push_back(str(composite));
        }
        q.prompt = "Which of these numbers is prime?";
        break;
    }
    case 1: {
        auto [country, capital] = pick(rng, kCapitals);
        options.push_back(capital);
        while (options.size() < 4) {
            std::string other = pick(rng, kCapitals).second;
            if (std::find(options.begin(), options.end(), other) == options.end()) options.push_back(other);
        }
        q.prompt = std::string("What is the capital of ") + country + "?";
        break;
    }
    default: {
        int64_t hours = rng.between(2, 30);
        options = {str(hours * 60), str(hours * 60 + 30), str(hours * 100), str(hours * 3600)};
        q.prompt = "How many minutes are there in " + str(hours) + " hours?";
    }
    }
    q.answer = choices(rng, options, q.prompt);
    q.prompt += "\nAnswer with the letter of the correct option.";
    return q;
}

DemoQuestion extractionQuestion(Rng& rng) {
    std::string first = pick(rng, kFirstNames), last = pick(rng, kLastNames);
    int64_t order = rng.between(100000, 999999), day = rng.between(1, 28);
    std::string email = first + "." + last + "@example.com";
    std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string phone = "+1-555-" + str(rng.between(1000, 9999));
    std::string message = "Hi, this is " + first + " " + last + ". My order #" + str(order) +
                          " arrived damaged on March " + str(day) + ". Please reach me at " + email + " or " + phone +
                          ".";
    DemoQuestion q;
    switch (rng.between(0, 2)) {
    case 0:
        q = {"Extract the order number from this message:\n\n" + message, str(order)};
        break;
    case 1:
        q = {"Extract the customer's email address from this message:\n\n" + message, email, GraderKind::Normalized};
        break;
    default:
        q = {"Extract the customer's full name from this message:\n\n" + message, first + " " + last,
             GraderKind::Normalized};
    }
    return q;
}

DemoQuestion codeOutputQuestion(Rng& rng) {
    DemoQuestion q;
    std::string code;
    switch (rng.between(0, 2)) {
    case 0: {
        int64_t x = rng.between(1, 9), n = rng.between(3, 6);
        code = "x = " + str(x) + "\nfor i in range(" + str(n) + "):\n    x = x * 2 - i\nprint(x)";
        for (int64_t i = 0; i < n; ++i)
            x = x * 2 - i;
        q.answer = str(x);
        break;
    }
    case 1: {
        int64_t n = rng.between(5, 20), k = rng.between(2, 4), sum = 0;
        code = "print(sum(i * i for i in range(" + str(n) + ") if i % " + str(k) + " == 0))";
        for (int64_t i = 0; i < n; i += k)
            sum += i * i;
        q.answer = str(sum);
        break;
    }
    default: {
        int64_t a = rng.between(50, 500), b = rng.between(3, 12);
        code = "a, b = " + str(a) + ", " + str(b) + "\nprint(a // b + a % b)";
        q.answer = str(a / b + a % b);
    }
    }
    q.prompt = "What does this Python program print?\n\n```python\n" + code + "\n```";
    return q;
}

DemoQuestion longContextQuestion(Rng& rng) {
    static constexpr std::array<const char*, 6> kFiller = {
        "The building was renovated twice during the last decade.",
        "Visitors must sign in at the front desk before entering.",
        "Maintenance crews inspect the ventilation every Tuesday.",
        "The east wing houses the archive of historical maps.",
        "Security staff rotate between shifts at midnight.",
        "Deliveries arrive through the loading bay on the north side."};
    const int64_t lockers = 120;
    std::vector<int64_t> codes(lockers + 1);
    std::string document = "Facility log.\n";
    for (int64_t locker = 1; locker <= lockers; ++locker) {
        codes[size_t(locker)] = rng.between(1000, 9999);
        document += "Locker " + str(locker) + " has access code " + str(codes[size_t(locker)]) + ". ";
        if (locker % 3 == 0) document += std::string(pick(rng, kFiller)) + "\n";
    }
    int64_t asked = rng.between(1, lockers);
    DemoQuestion q{document + "\nQuestion: what is the access code of locker " + str(asked) + "?",
                   str(codes[size_t(asked)])};
    q.metadata["long_context"] = true;
    return q;
}

} // namespace baton::core
