// MD5, SHA1, SHA224, SHA256, SHA384, SHA512 and SHA2, as Flink's SqlFunctionUtils#hash: the
// lowercase hex digest of the string's UTF-8 bytes, NULL for a NULL operand.
#include <memory>
#include <string>

#include "sql/expression/kernels.h"
#include "sql/expression/message_digest.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using Algorithm = MessageDigest::Algorithm;

Algorithm fixedAlgorithmOf(F function) {
  switch (function) {
    case F::kMd5: return Algorithm::kMd5;
    case F::kSha1: return Algorithm::kSha1;
    case F::kSha224: return Algorithm::kSha224;
    case F::kSha256: return Algorithm::kSha256;
    case F::kSha384: return Algorithm::kSha384;
    // SHA512, and SHA2 until its first row names the length.
    default: return Algorithm::kSha512;
  }
}

}  // namespace

Status hash(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  const bool sha2 = call.function == F::kSha2;
  // SHA2's length may differ per row; the digest is remade only when it does.
  Algorithm algorithm = fixedAlgorithmOf(call.function);
  std::unique_ptr<MessageDigest> digest;
  std::string buffer;
  for (size_t i = 0; i < n; ++i) {
    if (vector_ops::anyNull(args, i)) {
      out.appendNull();
      continue;
    }
    if (sha2) {
      EDDY_ASSIGN_OR_RETURN(const Algorithm wanted, MessageDigest::forSha2Length(args[1]->valueAt<int32_t>(i)));
      if (digest && wanted != algorithm) digest.reset();
      algorithm = wanted;
    }
    if (!digest) digest = std::make_unique<MessageDigest>(algorithm);
    buffer.clear();
    digest->appendHex(args[0]->stringAt(i), buffer);
    out.appendString(buffer);
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
