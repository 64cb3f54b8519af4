#include <gtest/gtest.h>

#include <string>

#include "cli/sql_client_materialized_result.h"
#include "cli/sql_client_table_view.h"
#include "cli/tests/terminal_screen.h"

namespace eddy::cli {
namespace {

using types::RowKind;
using Operation = CliTableResultView::Operation;

MaterializedResult resultOf(int rows) {
  MaterializedResult result;
  for (int i = 1; i <= rows; ++i) result.processRecord(RowKind::INSERT, {std::to_string(i), "r" + std::to_string(i)});
  return result;
}

TEST(MaterializedResultTest, FoldsTheChangelogIntoTheCurrentRows) {
  MaterializedResult result;
  result.processRecord(RowKind::INSERT, {"a", "1"});
  result.processRecord(RowKind::INSERT, {"b", "1"});
  result.processRecord(RowKind::UPDATE_BEFORE, {"a", "1"});
  result.processRecord(RowKind::UPDATE_AFTER, {"a", "2"});
  result.processRecord(RowKind::INSERT, {"c", "1"});
  result.processRecord(RowKind::DELETE, {"b", "1"});
  result.processRecord(RowKind::DELETE, {"missing", "0"});
  EXPECT_EQ(result.rows(), (std::vector<ResultRow>{{"a", "2"}, {"c", "1"}}));
}

TEST(MaterializedResultTest, ARetractionRemovesTheNewestEqualRow) {
  MaterializedResult result;
  result.processRecord(RowKind::INSERT, {"x"});
  result.processRecord(RowKind::INSERT, {"y"});
  result.processRecord(RowKind::INSERT, {"x"});
  result.processRecord(RowKind::DELETE, {"x"});
  EXPECT_EQ(result.rows(), (std::vector<ResultRow>{{"x"}, {"y"}}));
}

TEST(MaterializedResultTest, PagesOfAGivenSize) {
  const MaterializedResult empty;
  EXPECT_EQ(empty.pageCount(3), 1);
  EXPECT_EQ(empty.retrievePage(1, 3), std::vector<ResultRow>{});
  const MaterializedResult seven = resultOf(7);
  EXPECT_EQ(seven.pageCount(3), 3);
  EXPECT_EQ(seven.pageCount(7), 1);
  EXPECT_EQ(seven.retrievePage(2, 3), (std::vector<ResultRow>{{"4", "r4"}, {"5", "r5"}, {"6", "r6"}}));
  EXPECT_EQ(seven.retrievePage(3, 3), (std::vector<ResultRow>{{"7", "r7"}}));
  EXPECT_THROW(seven.retrievePage(4, 3), std::out_of_range);
}

TEST(CliTableResultViewTest, KeysAreFlinksBindings) {
  EXPECT_EQ(CliTableResultView::operationOf("q"), Operation::kQuit);
  EXPECT_EQ(CliTableResultView::operationOf("\x03"), Operation::kQuit);
  EXPECT_EQ(CliTableResultView::operationOf("\x1b"), Operation::kQuit);
  EXPECT_EQ(CliTableResultView::operationOf("R"), Operation::kRefresh);
  EXPECT_EQ(CliTableResultView::operationOf("N"), Operation::kNext);
  EXPECT_EQ(CliTableResultView::operationOf("p"), Operation::kPrev);
  EXPECT_EQ(CliTableResultView::operationOf("L"), Operation::kLast);
  EXPECT_EQ(CliTableResultView::operationOf("g"), Operation::kGoto);
  EXPECT_EQ(CliTableResultView::operationOf("\r"), Operation::kOpen);
  EXPECT_EQ(CliTableResultView::operationOf("\x1b[B"), Operation::kDown);
  EXPECT_EQ(CliTableResultView::operationOf("+"), Operation::kIncRefresh);
  EXPECT_EQ(CliTableResultView::operationOf("-"), Operation::kDecRefresh);
  EXPECT_EQ(CliTableResultView::operationOf("x"), std::nullopt);
}

TEST(CliTableResultViewTest, RendersTheLastPageWithFlinksStatusLine) {
  const MaterializedResult result = resultOf(7);
  CliTableResultView view({"id", "name"}, {"INT", "STRING"});
  view.setSize(60, 9);  // three rows a page
  view.refresh(result, false, "12:00:00.000");
  EXPECT_EQ(screenLines(view.render()),
            (std::vector<std::string>{
                "                  SQL Query Result (Table)                  ",
                " Refresh: 1 s         Page: Last of 3 Updated: 12:00:00.000 ",
                "",
                "          id                           name",
                "           7                             r7",
                "",
                "",
                "Q Quit      + Inc RefreshG Goto Page N Next Page O Open Row  ",
                "R Refresh   - Dec RefreshL Last Page P Prev Page ",
            }));
}

TEST(CliTableResultViewTest, PagesMoveLikeFlinks) {
  const MaterializedResult result = resultOf(7);
  CliTableResultView view({"id", "name"}, {"INT", "STRING"});
  view.setSize(60, 9);
  view.refresh(result, false, "12:00:00.000");
  EXPECT_EQ(view.page(), 0);
  view.evaluate(Operation::kNext, result);  // already on the last page
  EXPECT_EQ(view.page(), 0);
  view.evaluate(Operation::kPrev, result);
  EXPECT_EQ(view.page(), 2);
  view.evaluate(Operation::kPrev, result);
  view.evaluate(Operation::kPrev, result);
  EXPECT_EQ(view.page(), 1);
  EXPECT_EQ(screenLines(view.render())[4], "           1                             r1");
  EXPECT_FALSE(view.gotoPage(4, result));
  EXPECT_TRUE(view.gotoPage(2, result));
  EXPECT_EQ(screenLines(view.render())[5], "           5                             r5");
  view.evaluate(Operation::kLast, result);
  EXPECT_EQ(view.page(), 0);
}

TEST(CliTableResultViewTest, RefreshIntervalAndTheFinishedProgram) {
  const MaterializedResult result = resultOf(1);
  CliTableResultView view({"id", "name"}, {"INT NOT NULL", "STRING"});
  view.setSize(80, 9);
  EXPECT_EQ(view.refreshIntervalMillis(), 1000);
  view.evaluate(Operation::kIncRefresh, result);
  EXPECT_EQ(view.refreshIntervalMillis(), 5000);
  for (int i = 0; i < 10; ++i) view.evaluate(Operation::kDecRefresh, result);
  EXPECT_EQ(view.refreshIntervalMillis(), 100);  // "Fastest" is not offered in the table view
  view.refresh(result, true, "08:30:01.250");
  EXPECT_FALSE(view.retrieving());
  EXPECT_EQ(screenLines(view.render())[1],
            " Table program finished.        Page: Last of 1           Updated: 08:30:01.250 ");
}

TEST(CliTableResultViewTest, OpensTheSelectedRow) {
  const MaterializedResult result = resultOf(2);
  CliTableResultView view({"id", "name"}, {"INT", "STRING"});
  view.setSize(40, 12);
  view.refresh(result, false, "12:00:00.000");
  view.evaluate(Operation::kOpen, result);  // nothing selected
  EXPECT_FALSE(view.rowOpen());
  view.evaluate(Operation::kDown, result);
  view.evaluate(Operation::kDown, result);
  view.evaluate(Operation::kOpen, result);
  ASSERT_TRUE(view.rowOpen());
  EXPECT_EQ(screenLines(view.render()), (std::vector<std::string>{"              Row Summary               ", "",
                                                                  " id (INT):", " 2", "", " name (STRING):", " r2",
                                                                  "", "", "", "", "Press Q to go back."}));
  view.closeRow();
  EXPECT_FALSE(view.rowOpen());
}

}  // namespace
}  // namespace eddy::cli
