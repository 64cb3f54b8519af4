package io.eddy.nexmark.flink;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at the semicolons that end them, as Flink's SQL client
 * does: `--` comments are dropped, and semicolons inside '…' strings, `…` identifiers and
 * "…" identifiers don't count. Blank statements are left out.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) quote = 0;
      } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        while (i < script.length() && script.charAt(i) != '\n') i++;
        current.append('\n');
      } else if (c == ';') {
        add(statements, current);
      } else {
        if (c == '\'' || c == '`' || c == '"') quote = c;
        current.append(c);
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) statements.add(statement);
    current.setLength(0);
  }
}
