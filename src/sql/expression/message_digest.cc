#include "sql/expression/message_digest.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include "eddy/common/check.h"

namespace eddy::sql {

namespace {

const EVP_MD* evpOf(MessageDigest::Algorithm algorithm) {
  using A = MessageDigest::Algorithm;
  switch (algorithm) {
    case A::kMd5: return EVP_md5();
    case A::kSha1: return EVP_sha1();
    case A::kSha224: return EVP_sha224();
    case A::kSha256: return EVP_sha256();
    case A::kSha384: return EVP_sha384();
    case A::kSha512: return EVP_sha512();
  }
  return nullptr;
}

}  // namespace

struct MessageDigest::Context {
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx;
  const EVP_MD* md;
};

Result<MessageDigest::Algorithm> MessageDigest::forSha2Length(int32_t bits) {
  switch (bits) {
    case 1: return Algorithm::kSha1;
    case 224: return Algorithm::kSha224;
    case 256: return Algorithm::kSha256;
    case 384: return Algorithm::kSha384;
    case 512: return Algorithm::kSha512;
    default: return InvalidArgument(fmt::format("Unsupported algorithm: SHA-{}", bits));
  }
}

MessageDigest::MessageDigest(Algorithm algorithm)
    : context_(std::make_unique<Context>(Context{std::unique_ptr<EVP_MD_CTX, Context::Free>(EVP_MD_CTX_new()), evpOf(algorithm)})) {
  EDDY_CHECK(context_->ctx != nullptr && context_->md != nullptr);
}

MessageDigest::~MessageDigest() = default;

void MessageDigest::appendHex(std::string_view data, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_MD_CTX* ctx = context_->ctx.get();
  const bool ok = EVP_DigestInit_ex(ctx, context_->md, nullptr) == 1 && EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, digest, &size) == 1;
  // These fail only when OpenSSL itself is broken (no default provider), never on input.
  EDDY_CHECK(ok);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
}

}  // namespace eddy::sql
