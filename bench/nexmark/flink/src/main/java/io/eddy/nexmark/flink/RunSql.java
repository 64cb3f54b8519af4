package io.eddy.nexmark.flink;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs a SQL script on a local MiniCluster in this JVM, statement by statement, the way
 * `eddy sql -f` runs it on Eddy: SET statements configure the session (e.g.
 * 'parallelism.default'), DDL registers tables, and each INSERT runs to its end before the next
 * statement (a SELECT is not supported: results go to sinks). For each job it prints one line to stderr for the Nexmark runner:
 * {@code job <n> wall_ms=<ms> cpu_ms=<ms>}, the wall time and this process's CPU time (all
 * threads: tasks, GC, JIT) from submission to completion. A failing statement prints its error
 * and exits with status 1.
 *
 * <p>Usage: RunSql script.sql
 */
public final class RunSql {
  // The SQL client's SET, which TableEnvironment.executeSql doesn't take: SET 'key' = 'value'.
  private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']*)'\\s*=\\s*'([^']*)'");

  private RunSql() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("Usage: RunSql script.sql");
      System.exit(2);
    }
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    int jobs = 0;
    for (String statement : SqlScript.statements(Files.readString(Path.of(args[0])))) {
      try {
        Matcher set = SET.matcher(statement);
        if (set.matches()) {
          env.getConfig().getConfiguration().setString(set.group(1), set.group(2));
          continue;
        }
        boolean isJob = startsWithWord(statement, "INSERT") || startsWithWord(statement, "EXECUTE");
        long wallStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        TableResult result = env.executeSql(statement);
        if (isJob) {
          result.await();
          System.err.printf(Locale.ROOT, "job %d wall_ms=%d cpu_ms=%d%n", ++jobs,
              (System.nanoTime() - wallStart) / 1_000_000, (processCpuNanos() - cpuStart) / 1_000_000);
        }
      } catch (Exception e) {
        System.err.println("[ERROR] Could not execute SQL statement. Reason:");
        e.printStackTrace(System.err);
        System.exit(1);
      }
    }
    System.exit(0);
  }

  private static boolean startsWithWord(String statement, String word) {
    return statement.regionMatches(true, 0, word, 0, word.length())
        && (statement.length() == word.length() || !Character.isLetterOrDigit(statement.charAt(word.length())));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
