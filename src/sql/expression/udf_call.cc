#include "sql/expression/udf_call.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>

#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

namespace {

thread_local const FunctionLookup* current_lookup = nullptr;

bool sameType(const types::LogicalType& a, const types::LogicalType& b) {
  return a.copy(true) == b.copy(true);
}

// The index of the overload `args` fit: exactly when `exact`, else by implicit casts.
std::optional<size_t> findSignature(const std::vector<table::FunctionSignature>& signatures,
                                    const std::vector<BoundExprPtr>& args, bool exact) {
  for (size_t s = 0; s < signatures.size(); ++s) {
    const std::vector<types::LogicalType>& wanted = signatures[s].arguments;
    if (wanted.size() != args.size()) continue;
    bool fits = true;
    for (size_t i = 0; i < args.size() && fits; ++i) {
      const types::LogicalType& actual = args[i]->type;
      fits = sameType(actual, wanted[i]) ||
             (!exact && (actual.root() == types::LogicalTypeRoot::NULL_TYPE || type_rules::supportsImplicitCast(actual, wanted[i])));
    }
    if (fits) return s;
  }
  return std::nullopt;
}

}  // namespace

UserFunctionScope::UserFunctionScope(const FunctionLookup* lookup) : previous_(current_lookup) {
  current_lookup = lookup;
}

UserFunctionScope::~UserFunctionScope() { current_lookup = previous_; }

const FunctionLookup* UserFunctionScope::current() { return current_lookup; }

const table::UserDefinedFunction* lookupUserFunction(std::string_view name) {
  return current_lookup == nullptr ? nullptr : current_lookup->lookupFunction(name);
}

Result<size_t> chooseSignature(const std::vector<table::FunctionSignature>& signatures, std::string_view name,
                               SourcePosition position, std::vector<BoundExprPtr>& args) {
  std::optional<size_t> chosen = findSignature(signatures, args, true);
  if (!chosen) chosen = findSignature(signatures, args, false);
  if (!chosen) {
    std::vector<std::string> types;
    for (const BoundExprPtr& arg : args) types.push_back(arg->type.asSummaryString());
    return validationError(position, fmt::format("Invalid function call:\n{}({})", name, fmt::join(types, ", ")));
  }
  const table::FunctionSignature& signature = signatures[*chosen];
  for (size_t i = 0; i < args.size(); ++i) {
    args[i] = binder::castTo(std::move(args[i]), signature.arguments[i].copy(args[i]->type.isNullable()));
  }
  return *chosen;
}

Result<BoundExprPtr> bindScalarFunctionCall(const std::shared_ptr<const table::ScalarFunction>& function,
                                            std::string_view name, SourcePosition position,
                                            std::vector<BoundExprPtr> args) {
  const std::vector<table::FunctionSignature> signatures = function->signatures();
  EDDY_ASSIGN_OR_RETURN(size_t chosen, chooseSignature(signatures, name, position, args));
  BoundExprPtr call = BoundExpr::call(BuiltInFunction::kUserDefinedScalar, signatures[chosen].result.copy(true),
                                      std::move(args), position);
  call->udf = std::make_shared<const UserDefinedCall>(UserDefinedCall{std::string(name), function, chosen});
  return call;
}

}  // namespace eddy::sql
