package io.eddy.nexmark.flink;

import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eddy.nexmark.NexmarkGenerator;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class EventRowConverterTest {
  private static final RowType REFERENCE = (RowType) ROW(
      FIELD("event_type", INT()),
      FIELD("person", ROW(FIELD("id", BIGINT()), FIELD("name", STRING()), FIELD("emailAddress", STRING()),
          FIELD("creditCard", STRING()), FIELD("city", STRING()), FIELD("state", STRING()),
          FIELD("dateTime", TIMESTAMP(3)), FIELD("extra", STRING()))),
      FIELD("auction", ROW(FIELD("id", BIGINT()), FIELD("itemName", STRING()), FIELD("description", STRING()),
          FIELD("initialBid", BIGINT()), FIELD("reserve", BIGINT()), FIELD("dateTime", TIMESTAMP(3)),
          FIELD("expires", TIMESTAMP(3)), FIELD("seller", BIGINT()), FIELD("category", BIGINT()),
          FIELD("extra", STRING()))),
      FIELD("bid", ROW(FIELD("auction", BIGINT()), FIELD("bidder", BIGINT()), FIELD("price", BIGINT()),
          FIELD("channel", STRING()), FIELD("url", STRING()), FIELD("dateTime", TIMESTAMP(3)),
          FIELD("extra", STRING())))).getLogicalType();

  // The generator of the test vectors (src/connectors/tests/data/nexmark_seed42.txt).
  private static NexmarkGenerator vectorsGenerator() {
    NexmarkGenerator.Config config = new NexmarkGenerator.Config();
    config.seed = 42;
    config.baseTime = 1_700_000_000_000L;
    return new NexmarkGenerator(config, new NexmarkGenerator.Tables(config.seed), 1, 10);
  }

  @Test
  void fillsTheKindsRowAndLeavesTheOthersNull() {
    // The vectors' first event: A|1001|wr rtegl|…|39470|2788273|1700000000000|1700000000291|1000|12|…
    RowData row = EventRowConverter.forRowType(REFERENCE).toRow(vectorsGenerator().next());
    assertEquals(1, row.getInt(0));
    assertTrue(row.isNullAt(1));
    assertTrue(row.isNullAt(3));
    RowData auction = row.getRow(2, 10);
    assertEquals(1001, auction.getLong(0));
    assertEquals("wr rtegl", auction.getString(1).toString());
    assertEquals(39470, auction.getLong(3));
    assertEquals(2788273, auction.getLong(4));
    assertEquals(TimestampData.fromEpochMillis(1_700_000_000_000L), auction.getTimestamp(5, 3));
    assertEquals(TimestampData.fromEpochMillis(1_700_000_000_291L), auction.getTimestamp(6, 3));
    assertEquals(1000, auction.getLong(7));
    assertEquals(12, auction.getLong(8));
  }

  @Test
  void matchesNestedColumnsByName() {
    RowType bidOnly = (RowType) ROW(FIELD("bid", ROW(FIELD("price", BIGINT()), FIELD("channel", STRING()),
        FIELD("auction", BIGINT())))).getLogicalType();
    NexmarkGenerator generator = vectorsGenerator();
    generator.next();
    generator.next();
    // The vectors' third event: B|1009|2001|64683356|channel-8452|…
    RowData bid = EventRowConverter.forRowType(bidOnly).toRow(generator.next()).getRow(0, 3);
    assertEquals(64683356, bid.getLong(0));
    assertEquals("channel-8452", bid.getString(1).toString());
    assertEquals(1009, bid.getLong(2));
  }

  @Test
  void rejectsColumnsItCannotFill() {
    RowType unknown = (RowType) ROW(FIELD("bid", ROW(FIELD("seller", BIGINT())))).getLogicalType();
    assertEquals("Unknown column 'seller' in row bid; known columns: [auction, bidder, price, channel, url, "
        + "dateTime, extra].",
        assertThrows(ValidationException.class, () -> EventRowConverter.forRowType(unknown)).getMessage());
    RowType wrongType = (RowType) ROW(FIELD("person", ROW(FIELD("id", INT())))).getLogicalType();
    assertEquals("Column 'person.id' must be of type BIGINT, but is INT.",
        assertThrows(ValidationException.class, () -> EventRowConverter.forRowType(wrongType)).getMessage());
  }
}
