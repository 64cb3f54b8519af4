#include "cli/sql_client_reader.h"

namespace eddy::cli {
namespace {

std::string trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::vector<std::string> SqlStatementReader::addLine(std::string_view line) {
  std::vector<std::string> statements;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    switch (state_) {
      case State::kCode:
        if (c == ';') {
          std::string statement = trimmed(buffer_);
          if (!statement.empty()) statements.push_back(std::move(statement));
          buffer_.clear();
          continue;
        }
        if (c == '\'') state_ = State::kString;
        else if (c == '`') state_ = State::kBackquoted;
        else if (c == '"') state_ = State::kDoubleQuoted;
        else if (c == '-' && next == '-') state_ = State::kLineComment;
        else if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          buffer_ += c;
          buffer_ += next;
          ++i;
          continue;
        }
        break;
      case State::kString:
        if (c == '\'') state_ = State::kCode;  // '' re-enters kString on the next quote
        break;
      case State::kBackquoted:
        if (c == '`') state_ = State::kCode;
        break;
      case State::kDoubleQuoted:
        if (c == '"') state_ = State::kCode;
        break;
      case State::kLineComment:
        break;
      case State::kBlockComment:
        if (c == '*' && next == '/') {
          state_ = State::kCode;
          buffer_ += c;
          buffer_ += next;
          ++i;
          continue;
        }
        break;
    }
    buffer_ += c;
  }
  if (state_ == State::kLineComment) state_ = State::kCode;
  buffer_ += '\n';
  return statements;
}

bool SqlStatementReader::pending() const { return !trimmed(buffer_).empty(); }

std::string SqlStatementReader::takeRest() {
  std::string rest = trimmed(buffer_);
  clear();
  return rest;
}

void SqlStatementReader::clear() {
  buffer_.clear();
  state_ = State::kCode;
}

}  // namespace eddy::cli
