package io.eddy.nexmark.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script = "-- header; not a statement\n"
        + "SET 'a;b' = 'c';\n"
        + "CREATE TABLE `t;` (\n  s VARCHAR -- a; comment\n) WITH ('x' = 'y;z');\n"
        + "\n;\n"
        + "INSERT INTO \"q;\" SELECT 1";
    assertEquals(List.of("SET 'a;b' = 'c'", "CREATE TABLE `t;` (\n  s VARCHAR \n) WITH ('x' = 'y;z')",
        "INSERT INTO \"q;\" SELECT 1"), SqlScript.statements(script));
  }
}
