#pragma once

#include <initializer_list>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "sql/parser/ast_statement.h"
#include "sql/parser/token.h"

namespace eddy::sql {

// The recursive-descent parser behind SqlParser, over the tokens of one input. Its methods
// are split by concern: parser.cc (tokens and errors), parse_expression*.cc, parse_query.cc,
// parse_from.cc, parse_type.cc, parse_ddl.cc, parse_statement.cc. Single use, not
// thread-safe.
//
// Error messages list what was expected at the failing token: every check of the current
// token that fails records what it looked for, and the list is kept for the furthest token
// reached.
class Parser {
 public:
  Parser(std::string_view input, std::vector<Token> tokens);

  // Statements separated by ';' up to the end of the input.
  Result<std::vector<Statement>> parseScript();
  // One statement and an optional ';', then the end of the input.
  Result<Statement> parseSingleStatement();
  // One expression, then the end of the input.
  Result<ExprPtr> parseSingleExpression();

 private:
  // Keeps the nesting budget that bounds recursion and tree height (so that parsing,
  // printing and destroying any tree stays within the stack); restores it on scope exit.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser), saved_(parser.height_) {}
    ~Nesting() { parser_.height_ = saved_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& parser_;
    int saved_;
  };
  static constexpr int kMaxHeight = 2000;
  static constexpr int kRecursionWeight = 10;

  // Tokens and errors (parser.cc).
  const Token& current() const { return tokens_[pos_]; }
  bool atEnd() const { return current().kind == TokenKind::kEnd; }
  bool at(std::string_view keyword);
  bool accept(std::string_view keyword);
  bool acceptSymbol(std::string_view symbol);
  bool atWords(std::initializer_list<std::string_view> keywords) const;
  Status syntaxError();
  const Token& peekToken(size_t ahead) const;
  void advance();
  static bool isWord(const Token& token, std::string_view keyword);
  bool atSymbol(std::string_view symbol);
  Status expect(std::string_view keyword);
  Status expectSymbol(std::string_view symbol);
  void note(std::string_view expected);
  Status errorAt(SourcePosition position, std::string_view message) const;
  // `start` ending where the last token consumed ends.
  SourcePosition endAtPrevious(SourcePosition start) const;
  // Gives `expr` the end of the last token consumed.
  void closeNode(Expr& expr) const;
  Status deepen(int weight);
  bool atIdentifier();
  Result<std::string> parseIdentifier();
  Result<std::vector<std::string>> parseCompoundIdentifier();
  Result<std::vector<std::string>> parseParenthesizedIdentifiers();
  Result<std::string> parseStringLiteral();
  Result<int> parseUnsignedInt();

  // Expressions (parse_expression.cc, parse_expression_primary.cc, parse_expression_call.cc).
  Result<ExprPtr> parseExpression();
  Result<ExprPtr> parseOr();
  Result<ExprPtr> parseAnd();
  Result<ExprPtr> parseNot();
  Result<ExprPtr> parseIs();
  // operand (op operand)* for the operators listed, each operand parsed by `next`.
  Result<ExprPtr> parseLeftAssociative(std::span<const std::pair<std::string_view, Operator>> operators,
                                       Result<ExprPtr> (Parser::*next)());
  Result<ExprPtr> parseComparison();
  Result<ExprPtr> parsePredicate();
  Result<ExprPtr> parseAdditive();
  Result<ExprPtr> parseMultiplicative();
  Result<ExprPtr> parseUnary();
  Result<ExprPtr> parsePostfix();
  Result<ExprPtr> parsePrimary();
  Result<ExprPtr> parseParenthesized();
  Result<ExprPtr> parseWordPrimary();
  Result<ExprPtr> parseIdentifierOrCall();
  Result<ExprPtr> parseLiteral();
  Result<ExprPtr> parseIntervalLiteral();
  Result<IntervalQualifier> parseIntervalQualifier();
  Result<std::string> parseTimeUnit();
  Result<ExprPtr> parseCase();
  Result<ExprPtr> parseCast(bool try_cast);
  Result<ExprPtr> parseExtract();
  Result<ExprPtr> parseFloorCeil(std::string name);
  Result<ExprPtr> parseTrim();
  Result<ExprPtr> parsePosition();
  Result<ExprPtr> parseSubstring();
  Result<ExprPtr> parseOverlay();
  Result<ExprPtr> parseTimestampAddDiff(std::string name);
  Result<ExprPtr> parseCollection(ExprKind kind);
  Result<ExprPtr> parseDescriptor();
  // JSON_VALUE, JSON_QUERY, JSON_EXISTS, JSON_OBJECT, JSON_ARRAY and IS JSON (parse_json.cc).
  bool atJsonFunction();
  Result<ExprPtr> parseJsonFunction();
  Result<ExprPtr> parseIsJson(ExprPtr value, bool negated, SourcePosition position);
  Result<ExprPtr> parseFunctionCall(std::vector<std::string> names, bool quoted, SourcePosition position);
  Result<ExprPtr> parseFunctionArgument();
  Result<ExprPtr> parseTableArgument();
  Status parseCallSuffix(Expr& call);
  Result<WindowSpec> parseWindowSpec();
  Result<WindowFrameBound> parseFrameBound();
  Result<std::vector<OrderItem>> parseOrderItems();
  Result<std::vector<ExprPtr>> parseExpressionList(std::string_view close);
  ExprPtr makeUnary(Operator op, SourcePosition position, ExprPtr operand);
  ExprPtr makeBinary(Operator op, ExprPtr left, ExprPtr right);

  // Queries (parse_query.cc, parse_from.cc).
  bool atQueryStart();
  Result<QueryPtr> parseQuery();
  Result<QueryPtr> parseQueryBody();
  Result<QueryPtr> parseQueryTerm();
  Result<QueryPtr> parseQueryPrimary();
  Status parseOrderByAndLimit(Query& query);
  Result<QueryPtr> parseValues();
  Result<std::unique_ptr<Select>> parseSelect();
  Result<ExprPtr> parseGroupingElement();
  Result<TableRefPtr> parseTableRef();
  Result<TableRefPtr> parseTablePrimary();
  Result<TableRefPtr> parseTableFunction(bool lateral, SourcePosition position);
  Status parseTableAlias(TableRef& ref);

  // Types (parse_type.cc).
  Result<DataTypeSpec> parseDataType();
  Status skipTypeTokens();
  Status skipNullability();
  Status skipOptionalParameters();

  // Statements (parse_ddl.cc, parse_statement.cc).
  Result<Statement> parseStatement();
  Result<Insert> parseInsert();
  Result<std::vector<Insert>> parseStatementSetBody();
  Result<Statement::Node> parseCreate();
  Result<CreateTable> parseCreateTable(bool temporary);
  Status parseTableElement(CreateTable& table);
  Result<TableColumn> parseColumn();
  Result<PrimaryKeyConstraint> parsePrimaryKey(SourcePosition position, std::optional<std::string> name);
  Status parseNotEnforced(SourcePosition constraint);
  Result<TableLike> parseLike();
  Result<CreateView> parseCreateView(bool temporary);
  Result<CreateFunction> parseCreateFunction(bool temporary, bool system);
  Result<std::vector<SqlOption>> parseOptions();
  Result<DropObject> parseDrop();
  Result<AlterTable> parseAlter();
  Result<Statement::Node> parseSetOrReset();
  Result<Show> parseShow();
  Result<Statement::Node> parseDescribeOrUse();
  Result<Explain> parseExplain();
  Result<StatementSet> parseExecuteStatementSet();
  Result<bool> parseIfNotExists();
  Result<bool> parseIfExists();

  std::string_view input_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int height_ = 0;
  // What was expected at token `expected_at_` (the furthest token a check looked at).
  size_t expected_at_ = 0;
  std::vector<std::string_view> expected_;
};

}  // namespace eddy::sql
