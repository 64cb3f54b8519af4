#include "sql/formats/row_format_codec.h"

#include <type_traits>

#include "eddy/formats/decode_rows.h"

namespace eddy::sql {

Status RowFormatDecoder::decode(std::optional<std::string_view> message, std::vector<types::Row>& out) {
  return std::visit(
      [&](auto& decoder) -> Status {
        using D = std::decay_t<decltype(decoder)>;
        if constexpr (std::is_same_v<D, formats::raw::RawFormatDeserializer>) {
          // raw makes a null message a row with a null field; the others skip it.
          EDDY_ASSIGN_OR_RETURN(types::Row row, decoder.deserialize(message));
          out.push_back(std::move(row));
          return Status::OK();
        } else {
          if (!message) return Status::OK();
          return formats::decodeRows(decoder, *message, out);
        }
      },
      decoder_);
}

int64_t RowFormatDecoder::skippedRecords() const {
  return std::visit(
      [](const auto& decoder) -> int64_t {
        if constexpr (requires { decoder.skippedRecords(); }) {
          return decoder.skippedRecords();
        } else {
          return 0;
        }
      },
      decoder_);
}

Result<bool> RowFormatEncoder::encode(const types::Row& row, std::string& out) const {
  return std::visit(
      [&](const auto& encoder) -> Result<bool> {
        using E = std::decay_t<decltype(encoder)>;
        if constexpr (std::is_same_v<E, formats::raw::RawFormatSerializer>) {
          return encoder.serialize(row, out);
        } else {
          EDDY_RETURN_IF_ERROR(encoder.serialize(row, out));
          return true;
        }
      },
      encoder_);
}

}  // namespace eddy::sql
