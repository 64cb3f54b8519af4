#pragma once

#include <string>

#include "eddy/connectors/nexmark/java_splittable_random.h"

namespace eddy::connectors::nexmark {

// StringsGenerator.nextString: 3 to max_length - 1 characters, each `special` with
// probability 1/13 and a random lower-case letter otherwise, then Java's String.trim().
void nextString(JavaSplittableRandom& random, int max_length, char special, std::string& out);

// StringsGenerator.nextExactString without the reusable string: `length` characters from
// 'a' + rnd % 26 with Java's signed remainder (so negative rnd gives characters below 'a').
std::string nextExactStringFromRandom(JavaSplittableRandom& random, int length);

}  // namespace eddy::connectors::nexmark
