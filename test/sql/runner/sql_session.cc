#include "sql_session.h"

#include "sql/connectors/values/values_data.h"
#include "sql/parser/sql_parser.h"
#include "test_function_classes.h"

namespace eddy::slt {
namespace {

std::optional<std::string> option(const std::vector<sql::SqlOption>& options, std::string_view key) {
  for (const sql::SqlOption& entry : options) {
    if (entry.key == key) return entry.value;
  }
  return std::nullopt;
}

// Results other than queries have no row kinds: their rows are inserts.
StatementOutput toOutput(const sql::TableResult& result) {
  StatementOutput output{result.columns, {}};
  for (size_t i = 0; i < result.rows.size(); ++i) {
    const types::RowKind kind = i < result.row_kinds.size() ? result.row_kinds[i] : types::RowKind::INSERT;
    output.changelog.push_back({kind, result.rows[i]});
  }
  return output;
}

}  // namespace

SqlSession::SqlSession() : environment_(table::TableEnvironment::create()) { registerTestFunctionClasses(); }

Result<StatementOutput> SqlSession::execute(std::string_view sql) {
  EDDY_ASSIGN_OR_RETURN(sql::TableResult result, environment_->executeSql(sql));
  // Parsed a second time only to learn which values tables exist, for the DuckDB oracle.
  if (Result<sql::Statement> statement = sql::SqlParser::parseStatement(sql); statement.ok()) track(*statement);
  return toOutput(result);
}

void SqlSession::track(const sql::Statement& statement) {
  if (const auto* create = std::get_if<sql::CreateTable>(&statement.node)) {
    if (option(create->options, "connector") != "values") return;
    ValuesTable table{create->name.back(), {}, option(create->options, "data-id").value_or("")};
    for (const sql::TableColumn& column : create->columns) {
      if (column.kind == sql::TableColumn::Kind::kPhysical) table.columns.emplace_back(column.name, column.type->type);
    }
    values_tables_.try_emplace(table.name, std::move(table));
  } else if (const auto* drop = std::get_if<sql::DropObject>(&statement.node)) {
    if (drop->object == sql::ObjectKind::kTable) values_tables_.erase(drop->name.back());
  }
}

void SqlSession::registerInput(const InputRecord& input) {
  std::vector<sql::ValuesElement> elements;
  for (const InputElement& element : input.elements) {
    if (const auto* row = std::get_if<ChangelogRow>(&element)) {
      elements.push_back(sql::ValuesElement::row(row->kind, row->cells));
    } else {
      elements.push_back(sql::ValuesElement::watermarkAt(std::get<InputWatermark>(element).epoch_millis));
    }
  }
  sql::ValuesData::registerData(input.data_id, std::move(elements));
  inputs_[input.data_id] = input.elements;
}

const std::vector<InputElement>& SqlSession::input(const std::string& data_id) const {
  static const std::vector<InputElement> kNone;
  const auto found = inputs_.find(data_id);
  return found == inputs_.end() ? kNone : found->second;
}

}  // namespace eddy::slt
