// CREATE TABLE / VIEW / FUNCTION, DROP and ALTER TABLE, as Flink's DDL grammar.
#include <algorithm>

#include "sql/parser/parser.h"

namespace eddy::sql {

namespace {

constexpr std::string_view kEnforcedNotSupported =
    "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the "
    "constraint checks are performed on the incoming/outgoing data. Flink does not own the data therefore the only "
    "supported mode is the NOT ENFORCED mode";

template <typename T>
Result<Statement::Node> toNode(Result<T> result) {
  if (!result.ok()) return result.status();
  return Statement::Node(std::move(result).value());
}

}  // namespace

Result<bool> Parser::parseIfNotExists() {
  if (!accept("IF")) return false;
  EDDY_RETURN_IF_ERROR(expect("NOT"));
  EDDY_RETURN_IF_ERROR(expect("EXISTS"));
  return true;
}

Result<bool> Parser::parseIfExists() {
  if (!accept("IF")) return false;
  EDDY_RETURN_IF_ERROR(expect("EXISTS"));
  return true;
}

Result<Statement::Node> Parser::parseCreate() {
  advance();
  const bool temporary = accept("TEMPORARY");
  const bool system = temporary && accept("SYSTEM");
  if (!system) {
    if (accept("TABLE")) return toNode(parseCreateTable(temporary));
    if (accept("VIEW")) return toNode(parseCreateView(temporary));
  }
  if (accept("FUNCTION")) return toNode(parseCreateFunction(temporary, system));
  return syntaxError();
}

Result<CreateTable> Parser::parseCreateTable(bool temporary) {
  CreateTable table;
  table.temporary = temporary;
  EDDY_ASSIGN_OR_RETURN(table.if_not_exists, parseIfNotExists());
  EDDY_ASSIGN_OR_RETURN(table.name, parseCompoundIdentifier());
  if (acceptSymbol("(")) {
    do {
      EDDY_RETURN_IF_ERROR(parseTableElement(table));
    } while (acceptSymbol(","));
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  }
  if (accept("COMMENT")) {
    EDDY_ASSIGN_OR_RETURN(table.comment, parseStringLiteral());
  }
  if (accept("PARTITIONED")) {
    EDDY_RETURN_IF_ERROR(expect("BY"));
    EDDY_ASSIGN_OR_RETURN(table.partition_keys, parseParenthesizedIdentifiers());
  }
  if (accept("WITH")) {
    EDDY_ASSIGN_OR_RETURN(table.options, parseOptions());
  }
  if (at("LIKE")) {
    EDDY_ASSIGN_OR_RETURN(table.like, parseLike());
  }
  if (accept("AS")) {
    EDDY_ASSIGN_OR_RETURN(table.as_query, parseQuery());
  }
  return table;
}

Status Parser::parseTableElement(CreateTable& table) {
  const Token& start = current();
  const bool has_primary_key =
      table.primary_key.has_value() ||
      std::any_of(table.columns.begin(), table.columns.end(), [](const TableColumn& c) { return c.primary_key; });
  if (atWords({"WATERMARK", "FOR"})) {
    if (table.watermark) return errorAt(start.position, "Multiple WATERMARK statements is not supported yet");
    advance();
    advance();
    WatermarkSpec watermark;
    watermark.position = start.position;
    EDDY_ASSIGN_OR_RETURN(watermark.column, parseCompoundIdentifier());
    EDDY_RETURN_IF_ERROR(expect("AS"));
    EDDY_ASSIGN_OR_RETURN(watermark.strategy, parseExpression());
    table.watermark = std::move(watermark);
    return Status::OK();
  }
  std::optional<std::string> constraint_name;
  if (accept("CONSTRAINT")) {
    EDDY_ASSIGN_OR_RETURN(constraint_name, parseIdentifier());
    if (!at("PRIMARY")) return syntaxError();
  }
  if (atWords({"PRIMARY", "KEY"})) {
    if (has_primary_key) return errorAt(start.position, "Duplicate primary key definition");
    EDDY_ASSIGN_OR_RETURN(table.primary_key, parsePrimaryKey(start.position, std::move(constraint_name)));
    return Status::OK();
  }
  EDDY_ASSIGN_OR_RETURN(TableColumn column, parseColumn());
  if (column.primary_key && has_primary_key) return errorAt(start.position, "Duplicate primary key definition");
  table.columns.push_back(std::move(column));
  return Status::OK();
}

Result<PrimaryKeyConstraint> Parser::parsePrimaryKey(SourcePosition position, std::optional<std::string> name) {
  PrimaryKeyConstraint key;
  key.position = position;
  key.name = std::move(name);
  advance();
  advance();
  EDDY_ASSIGN_OR_RETURN(key.columns, parseParenthesizedIdentifiers());
  EDDY_RETURN_IF_ERROR(parseNotEnforced(position));
  return key;
}

Status Parser::parseNotEnforced(SourcePosition constraint) {
  if (isWord(current(), "NOT") && isWord(peekToken(1), "ENFORCED")) {
    advance();
    advance();
    return Status::OK();
  }
  return errorAt(constraint, kEnforcedNotSupported);
}

Result<TableColumn> Parser::parseColumn() {
  TableColumn column;
  column.position = current().position;
  EDDY_ASSIGN_OR_RETURN(column.name, parseIdentifier());
  if (accept("AS")) {
    column.kind = TableColumn::Kind::kComputed;
    EDDY_ASSIGN_OR_RETURN(column.expression, parseExpression());
  } else {
    EDDY_ASSIGN_OR_RETURN(column.type, parseDataType());
    if (accept("METADATA")) {
      column.kind = TableColumn::Kind::kMetadata;
      if (accept("FROM")) {
        EDDY_ASSIGN_OR_RETURN(column.metadata_key, parseStringLiteral());
      }
      column.is_virtual = accept("VIRTUAL");
    }
    if (accept("CONSTRAINT")) {
      EDDY_ASSIGN_OR_RETURN(column.constraint_name, parseIdentifier());
      if (!atWords({"PRIMARY", "KEY"})) {
        at("PRIMARY");
        return syntaxError();
      }
    }
    if (atWords({"PRIMARY", "KEY"})) {
      const SourcePosition constraint = current().position;
      advance();
      advance();
      EDDY_RETURN_IF_ERROR(parseNotEnforced(constraint));
      column.primary_key = true;
    }
  }
  if (accept("COMMENT")) {
    EDDY_ASSIGN_OR_RETURN(column.comment, parseStringLiteral());
  }
  return column;
}

Result<TableLike> Parser::parseLike() {
  using Strategy = LikeOption::Strategy;
  using Feature = LikeOption::Feature;
  static constexpr std::pair<std::string_view, Strategy> kStrategies[] = {
      {"INCLUDING", Strategy::kIncluding}, {"EXCLUDING", Strategy::kExcluding}, {"OVERWRITING", Strategy::kOverwriting}};
  static constexpr std::pair<std::string_view, Feature> kFeatures[] = {
      {"ALL", Feature::kAll},           {"CONSTRAINTS", Feature::kConstraints}, {"GENERATED", Feature::kGenerated},
      {"METADATA", Feature::kMetadata}, {"OPTIONS", Feature::kOptions},         {"PARTITIONS", Feature::kPartitions},
      {"WATERMARKS", Feature::kWatermarks}};
  TableLike like;
  like.position = current().position;
  advance();
  EDDY_ASSIGN_OR_RETURN(like.source, parseCompoundIdentifier());
  if (!acceptSymbol("(")) return like;
  do {
    LikeOption option;
    bool found = false;
    for (const auto& [word, strategy] : kStrategies) {
      if (accept(word)) {
        option.strategy = strategy;
        found = true;
        break;
      }
    }
    if (!found) return syntaxError();
    found = false;
    for (const auto& [word, feature] : kFeatures) {
      if (accept(word)) {
        option.feature = feature;
        found = true;
        break;
      }
    }
    if (!found) return syntaxError();
    like.options.push_back(option);
  } while (!acceptSymbol(")"));
  return like;
}

Result<CreateView> Parser::parseCreateView(bool temporary) {
  CreateView view;
  view.temporary = temporary;
  EDDY_ASSIGN_OR_RETURN(view.if_not_exists, parseIfNotExists());
  EDDY_ASSIGN_OR_RETURN(view.name, parseCompoundIdentifier());
  if (atSymbol("(")) {
    EDDY_ASSIGN_OR_RETURN(view.columns, parseParenthesizedIdentifiers());
  }
  if (accept("COMMENT")) {
    EDDY_ASSIGN_OR_RETURN(view.comment, parseStringLiteral());
  }
  EDDY_RETURN_IF_ERROR(expect("AS"));
  EDDY_ASSIGN_OR_RETURN(view.query, parseQuery());
  return view;
}

Result<CreateFunction> Parser::parseCreateFunction(bool temporary, bool system) {
  CreateFunction function;
  function.temporary = temporary;
  function.system = system;
  EDDY_ASSIGN_OR_RETURN(function.if_not_exists, parseIfNotExists());
  EDDY_ASSIGN_OR_RETURN(function.name, parseCompoundIdentifier());
  EDDY_RETURN_IF_ERROR(expect("AS"));
  EDDY_ASSIGN_OR_RETURN(function.class_name, parseStringLiteral());
  if (accept("LANGUAGE")) {
    for (std::string_view language : {"JAVA", "SCALA", "PYTHON"}) {
      if (accept(language)) {
        function.language = std::string(language);
        return function;
      }
    }
    return syntaxError();
  }
  return function;
}

Result<std::vector<SqlOption>> Parser::parseOptions() {
  EDDY_RETURN_IF_ERROR(expectSymbol("("));
  std::vector<SqlOption> options;
  if (acceptSymbol(")")) return options;
  do {
    SqlOption option;
    option.position = current().position;
    EDDY_ASSIGN_OR_RETURN(option.key, parseStringLiteral());
    EDDY_RETURN_IF_ERROR(expectSymbol("="));
    EDDY_ASSIGN_OR_RETURN(option.value, parseStringLiteral());
    options.push_back(std::move(option));
  } while (acceptSymbol(","));
  EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  return options;
}

Result<DropObject> Parser::parseDrop() {
  DropObject drop;
  advance();
  drop.temporary = accept("TEMPORARY");
  drop.system = drop.temporary && accept("SYSTEM");
  if (!drop.system && accept("TABLE")) {
    drop.object = ObjectKind::kTable;
  } else if (!drop.system && accept("VIEW")) {
    drop.object = ObjectKind::kView;
  } else if (accept("FUNCTION")) {
    drop.object = ObjectKind::kFunction;
  } else {
    return syntaxError();
  }
  EDDY_ASSIGN_OR_RETURN(drop.if_exists, parseIfExists());
  EDDY_ASSIGN_OR_RETURN(drop.name, parseCompoundIdentifier());
  return drop;
}

Result<AlterTable> Parser::parseAlter() {
  AlterTable alter;
  advance();
  EDDY_RETURN_IF_ERROR(expect("TABLE"));
  EDDY_ASSIGN_OR_RETURN(alter.if_exists, parseIfExists());
  EDDY_ASSIGN_OR_RETURN(alter.name, parseCompoundIdentifier());
  if (accept("RENAME")) {
    alter.action = AlterTable::Action::kRename;
    EDDY_RETURN_IF_ERROR(expect("TO"));
    EDDY_ASSIGN_OR_RETURN(alter.new_name, parseCompoundIdentifier());
  } else if (accept("SET")) {
    alter.action = AlterTable::Action::kSet;
    EDDY_ASSIGN_OR_RETURN(alter.options, parseOptions());
  } else if (accept("RESET")) {
    alter.action = AlterTable::Action::kReset;
    EDDY_RETURN_IF_ERROR(expectSymbol("("));
    do {
      EDDY_ASSIGN_OR_RETURN(std::string key, parseStringLiteral());
      alter.reset_keys.push_back(std::move(key));
    } while (acceptSymbol(","));
    EDDY_RETURN_IF_ERROR(expectSymbol(")"));
  } else {
    return syntaxError();
  }
  return alter;
}

}  // namespace eddy::sql
