package io.eddy.nexmark.flink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

/**
 * Reads the `datagen` table of a Nexmark DDL script back through Flink SQL, on one parallel
 * instance, and prints its events in the test vectors' form (NexmarkGenerator.main's): the
 * first 100 event lines, then {@code sha256 <count> <hex>} of all of them. Equal output to
 * src/connectors/tests/data/nexmark_seed42.txt shows that the table source, its RowData and the
 * DDL carry the generator's events unchanged.
 *
 * <p>Usage: EventVectors ddl.sql count (the script's placeholders already filled in; a table
 * of more events is read to its end and its first count events printed)
 */
public final class EventVectors {
  private EventVectors() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: EventVectors ddl.sql count");
      System.exit(2);
    }
    long count = Long.parseLong(args[1]);
    Configuration configuration = new Configuration();
    configuration.setString("parallelism.default", "1");
    TableEnvironment env = TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(configuration).build());
    for (String statement : SqlScript.statements(Files.readString(Path.of(args[0])))) {
      env.executeSql(statement);
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    StringBuilder out = new StringBuilder();
    long seen = 0;
    try (var rows = env.executeSql("SELECT event_type, person, auction, bid FROM datagen").collect()) {
      // Drained to the end, so that the bounded job finishes on its own rather than cancelled.
      for (Iterator<Row> it = rows; it.hasNext(); seen++) {
        Row row = it.next();
        if (seen >= count) continue;
        String line = line(row);
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (seen < 100) out.append(line).append('\n');
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) hex.append(String.format("%02x", b));
    System.out.print(out);
    System.out.println("sha256 " + Math.min(seen, count) + " " + hex);
    System.exit(0);
  }

  private static String line(Row row) {
    int type = (Integer) row.getField(0);
    Row event = (Row) row.getField(1 + type);
    StringBuilder line = new StringBuilder(type == 0 ? "P" : type == 1 ? "A" : "B");
    for (int i = 0; i < event.getArity(); i++) {
      Object field = event.getField(i);
      line.append('|').append(field instanceof LocalDateTime time ? millis(time) : field);
    }
    return line.toString();
  }

  private static long millis(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
