#include "sql/parser/sql_writer.h"
#include "sql/parser/unparse.h"

namespace eddy::sql {

namespace {

void appendOptions(std::string& out, const std::vector<SqlOption>& options) {
  out += "(";
  for (size_t i = 0; i < options.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    appendStringLiteral(out, options[i].key);
    out += " = ";
    appendStringLiteral(out, options[i].value);
  }
  out += "\n)";
}

void appendColumn(std::string& out, const TableColumn& column) {
  appendIdentifier(out, column.name);
  if (column.kind == TableColumn::Kind::kComputed) {
    out += " AS ";
    appendExpr(out, *column.expression);
  } else {
    out += " " + column.type->type.asSerializableString();
  }
  if (column.kind == TableColumn::Kind::kMetadata) {
    out += " METADATA";
    if (column.metadata_key) {
      out += " FROM ";
      appendStringLiteral(out, *column.metadata_key);
    }
    if (column.is_virtual) out += " VIRTUAL";
  }
  if (column.constraint_name) {
    out += " CONSTRAINT ";
    appendIdentifier(out, *column.constraint_name);
  }
  if (column.primary_key) out += " PRIMARY KEY NOT ENFORCED";
  if (column.comment) {
    out += " COMMENT ";
    appendStringLiteral(out, *column.comment);
  }
}

std::string_view likeStrategyText(LikeOption::Strategy strategy) {
  switch (strategy) {
    case LikeOption::Strategy::kIncluding: return "INCLUDING";
    case LikeOption::Strategy::kExcluding: return "EXCLUDING";
    case LikeOption::Strategy::kOverwriting: return "OVERWRITING";
  }
  return "";
}

std::string_view likeFeatureText(LikeOption::Feature feature) {
  switch (feature) {
    case LikeOption::Feature::kAll: return "ALL";
    case LikeOption::Feature::kConstraints: return "CONSTRAINTS";
    case LikeOption::Feature::kGenerated: return "GENERATED";
    case LikeOption::Feature::kMetadata: return "METADATA";
    case LikeOption::Feature::kOptions: return "OPTIONS";
    case LikeOption::Feature::kPartitions: return "PARTITIONS";
    case LikeOption::Feature::kWatermarks: return "WATERMARKS";
  }
  return "";
}

void appendCreateTable(std::string& out, const CreateTable& table) {
  out += table.temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
  if (table.if_not_exists) out += "IF NOT EXISTS ";
  appendNames(out, table.name);
  std::vector<std::string> elements;
  for (const TableColumn& column : table.columns) {
    std::string element;
    appendColumn(element, column);
    elements.push_back(std::move(element));
  }
  if (table.primary_key) {
    std::string element;
    if (table.primary_key->name) {
      element += "CONSTRAINT ";
      appendIdentifier(element, *table.primary_key->name);
      element += " ";
    }
    element += "PRIMARY KEY ";
    appendIdentifierList(element, table.primary_key->columns);
    element += " NOT ENFORCED";
    elements.push_back(std::move(element));
  }
  if (table.watermark) {
    std::string element = "WATERMARK FOR ";
    appendNames(element, table.watermark->column);
    element += " AS ";
    appendExpr(element, *table.watermark->strategy);
    elements.push_back(std::move(element));
  }
  if (!elements.empty()) {
    out += " (";
    for (size_t i = 0; i < elements.size(); ++i) out += (i == 0 ? "\n  " : ",\n  ") + elements[i];
    out += "\n)";
  }
  if (table.comment) {
    out += "\nCOMMENT ";
    appendStringLiteral(out, *table.comment);
  }
  if (!table.partition_keys.empty()) {
    out += "\nPARTITIONED BY ";
    appendIdentifierList(out, table.partition_keys);
  }
  if (!table.options.empty()) {
    out += "\nWITH ";
    appendOptions(out, table.options);
  }
  if (table.like) {
    out += "\nLIKE ";
    appendNames(out, table.like->source);
    if (!table.like->options.empty()) {
      out += " (";
      for (const LikeOption& option : table.like->options) {
        out += "\n  ";
        out += likeStrategyText(option.strategy);
        out += " ";
        out += likeFeatureText(option.feature);
      }
      out += "\n)";
    }
  }
  if (table.as_query) {
    out += "\nAS\n";
    appendQuery(out, *table.as_query);
  }
}

void appendCreateView(std::string& out, const CreateView& view) {
  out += view.temporary ? "CREATE TEMPORARY VIEW " : "CREATE VIEW ";
  if (view.if_not_exists) out += "IF NOT EXISTS ";
  appendNames(out, view.name);
  if (!view.columns.empty()) {
    out += " ";
    appendIdentifierList(out, view.columns);
  }
  if (view.comment) {
    out += "\nCOMMENT ";
    appendStringLiteral(out, *view.comment);
  }
  out += "\nAS\n";
  appendQuery(out, *view.query);
}

void appendCreateFunction(std::string& out, const CreateFunction& function) {
  out += "CREATE ";
  if (function.temporary) out += function.system ? "TEMPORARY SYSTEM " : "TEMPORARY ";
  out += "FUNCTION ";
  if (function.if_not_exists) out += "IF NOT EXISTS ";
  appendNames(out, function.name);
  out += " AS ";
  appendStringLiteral(out, function.class_name);
  if (function.language) out += " LANGUAGE " + *function.language;
}

void appendDrop(std::string& out, const DropObject& drop) {
  out += "DROP ";
  if (drop.temporary) out += drop.system ? "TEMPORARY SYSTEM " : "TEMPORARY ";
  out += drop.object == ObjectKind::kTable ? "TABLE " : drop.object == ObjectKind::kView ? "VIEW " : "FUNCTION ";
  if (drop.if_exists) out += "IF EXISTS ";
  appendNames(out, drop.name);
}

void appendAlter(std::string& out, const AlterTable& alter) {
  out += alter.if_exists ? "ALTER TABLE IF EXISTS " : "ALTER TABLE ";
  appendNames(out, alter.name);
  switch (alter.action) {
    case AlterTable::Action::kRename:
      out += " RENAME TO ";
      appendNames(out, alter.new_name);
      return;
    case AlterTable::Action::kSet:
      out += " SET ";
      appendOptions(out, alter.options);
      return;
    case AlterTable::Action::kReset:
      out += " RESET (";
      for (size_t i = 0; i < alter.reset_keys.size(); ++i) {
        out += i == 0 ? "\n  " : ",\n  ";
        appendStringLiteral(out, alter.reset_keys[i]);
      }
      out += "\n)";
      return;
  }
}

std::string_view showText(Show::Kind kind) {
  using Kind = Show::Kind;
  switch (kind) {
    case Kind::kTables: return "SHOW TABLES";
    case Kind::kViews: return "SHOW VIEWS";
    case Kind::kFunctions: return "SHOW FUNCTIONS";
    case Kind::kUserFunctions: return "SHOW USER FUNCTIONS";
    case Kind::kDatabases: return "SHOW DATABASES";
    case Kind::kCatalogs: return "SHOW CATALOGS";
    case Kind::kCurrentCatalog: return "SHOW CURRENT CATALOG";
    case Kind::kCurrentDatabase: return "SHOW CURRENT DATABASE";
    case Kind::kCreateTable: return "SHOW CREATE TABLE";
    case Kind::kCreateView: return "SHOW CREATE VIEW";
    case Kind::kColumns: return "SHOW COLUMNS";
    case Kind::kModules: return "SHOW MODULES";
    case Kind::kFullModules: return "SHOW FULL MODULES";
    case Kind::kJars: return "SHOW JARS";
  }
  return "";
}

void appendShow(std::string& out, const Show& show) {
  out += showText(show.kind);
  if (!show.name.empty()) {
    const bool object = show.kind == Show::Kind::kCreateTable || show.kind == Show::Kind::kCreateView;
    out += object ? " " : show.from_in ? " IN " : " FROM ";
    appendNames(out, show.name);
  }
  if (show.like) {
    out += show.not_like ? " NOT LIKE " : " LIKE ";
    appendStringLiteral(out, *show.like);
  }
}

std::string_view explainDetailText(ExplainDetail detail) {
  switch (detail) {
    case ExplainDetail::kEstimatedCost: return "ESTIMATED_COST";
    case ExplainDetail::kChangelogMode: return "CHANGELOG_MODE";
    case ExplainDetail::kPlanAdvice: return "PLAN_ADVICE";
    case ExplainDetail::kJsonExecutionPlan: return "JSON_EXECUTION_PLAN";
  }
  return "";
}

void appendInsert(std::string& out, const Insert& insert) {
  out += insert.overwrite ? "INSERT OVERWRITE " : "INSERT INTO ";
  appendNames(out, insert.table);
  if (!insert.partition.empty()) {
    out += " PARTITION (";
    for (size_t i = 0; i < insert.partition.size(); ++i) {
      if (i > 0) out += ", ";
      appendIdentifier(out, insert.partition[i].key);
      out += " = " + insert.partition[i].value;
    }
    out += ")";
  }
  if (!insert.columns.empty()) {
    out += " ";
    appendIdentifierList(out, insert.columns);
  }
  out += "\n";
  appendQuery(out, *insert.query);
}

void appendStatement(std::string& out, const Statement& statement);

// One overload per alternative of Statement::Node, for std::visit.
struct NodeWriter {
  std::string& out;

  void operator()(const CreateTable& node) const { appendCreateTable(out, node); }
  void operator()(const CreateView& node) const { appendCreateView(out, node); }
  void operator()(const CreateFunction& node) const { appendCreateFunction(out, node); }
  void operator()(const DropObject& node) const { appendDrop(out, node); }
  void operator()(const AlterTable& node) const { appendAlter(out, node); }
  void operator()(const SetStatement& node) const {
    out += "SET";
    if (!node.key) return;
    out += " ";
    appendStringLiteral(out, *node.key);
    out += " = ";
    appendStringLiteral(out, node.value.value_or(""));
  }
  void operator()(const ResetStatement& node) const {
    out += "RESET";
    if (!node.key) return;
    out += " ";
    appendStringLiteral(out, *node.key);
  }
  void operator()(const Show& node) const { appendShow(out, node); }
  void operator()(const Describe& node) const {
    out += node.extended ? "DESCRIBE EXTENDED " : "DESCRIBE ";
    appendNames(out, node.name);
  }
  void operator()(const Use& node) const {
    out += node.catalog ? "USE CATALOG " : "USE ";
    appendNames(out, node.name);
  }
  void operator()(const Explain& node) const {
    out += node.plan_for ? "EXPLAIN PLAN FOR" : "EXPLAIN";
    for (size_t i = 0; i < node.details.size(); ++i) {
      out += i == 0 ? " " : ", ";
      out += explainDetailText(node.details[i]);
    }
    out += "\n";
    appendStatement(out, *node.statement);
  }
  void operator()(const Insert& node) const { appendInsert(out, node); }
  void operator()(const StatementSet& node) const {
    out += "EXECUTE STATEMENT SET\nBEGIN\n";
    for (const Insert& insert : node.inserts) {
      appendInsert(out, insert);
      out += ";\n";
    }
    out += "END";
  }
  void operator()(const QueryStatement& node) const { appendQuery(out, *node.query); }
};

void appendStatement(std::string& out, const Statement& statement) { std::visit(NodeWriter{out}, statement.node); }

}  // namespace

std::string unparse(const Statement& statement) {
  std::string out;
  appendStatement(out, statement);
  return out;
}

}  // namespace eddy::sql
