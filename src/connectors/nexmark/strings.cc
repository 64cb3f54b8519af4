#include "connectors/nexmark/strings.h"

namespace eddy::connectors::nexmark {

namespace {
constexpr int kMinStringLength = 3;
}  // namespace

void nextString(JavaSplittableRandom& random, int max_length, char special, std::string& out) {
  int len = kMinStringLength + random.nextInt(max_length - kMinStringLength);
  out.clear();
  while (len-- > 0) {
    if (random.nextInt(13) == 0) {
      out.push_back(special);
    } else {
      out.push_back(static_cast<char>('a' + random.nextInt(26)));
    }
  }
  size_t begin = 0;
  size_t end = out.size();
  while (begin < end && static_cast<unsigned char>(out[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(out[end - 1]) <= ' ') --end;
  if (end != out.size()) out.erase(end);
  if (begin != 0) out.erase(0, begin);
}

std::string nextExactStringFromRandom(JavaSplittableRandom& random, int length) {
  std::string out;
  out.reserve(static_cast<size_t>(length));
  int32_t rnd = 0;
  int n = 0;  // random characters left in rnd
  while (length-- > 0) {
    if (n == 0) {
      rnd = random.nextInt();
      n = 6;  // log_26(2^31)
    }
    out.push_back(static_cast<char>('a' + rnd % 26));
    rnd /= 26;
    n--;
  }
  return out;
}

}  // namespace eddy::connectors::nexmark
