#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy::sql {

// The digest behind one of Flink's hash functions (MD5, SHA1, SHA224, SHA256, SHA384,
// SHA512 and SHA2), on OpenSSL's EVP API. One instance hashes many values in turn,
// reusing its context. Not thread-safe.
class MessageDigest {
 public:
  // The algorithm of Java's MessageDigest.getInstance(name) for the names Flink's hash
  // functions use: "MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512".
  enum class Algorithm { kMd5, kSha1, kSha224, kSha256, kSha384, kSha512 };

  // SHA2(s, bits): Flink asks Java for "SHA-" + bits, so 224, 256, 384 and 512 are the
  // SHA-2 digests and 1 is SHA-1; InvalidArgument "Unsupported algorithm: SHA-<bits>" for
  // any other length, as Flink fails the job.
  static Result<Algorithm> forSha2Length(int32_t bits);

  explicit MessageDigest(Algorithm algorithm);
  ~MessageDigest();
  MessageDigest(const MessageDigest&) = delete;
  MessageDigest& operator=(const MessageDigest&) = delete;

  // Appends the digest of `data` to `out` as lowercase hex, as Flink's EncodingUtils.hex.
  void appendHex(std::string_view data, std::string& out);

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace eddy::sql
