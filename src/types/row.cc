#include "eddy/types/row.h"

namespace eddy::types {

std::string Row::toString() const {
  std::string out;
  appendTo(out);
  return out;
}

void Row::appendTo(std::string& out) const {
  out += shortString(kind_);
  out.push_back('[');
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += ", ";
    fields_[i].appendTo(out);
  }
  out.push_back(']');
}

}  // namespace eddy::types
