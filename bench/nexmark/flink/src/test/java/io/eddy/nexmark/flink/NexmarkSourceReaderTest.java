package io.eddy.nexmark.flink;

import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eddy.nexmark.NexmarkGenerator;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class NexmarkSourceReaderTest {
  // event_type and bid ROW<auction BIGINT, dateTime TIMESTAMP(3)>: enough to tell events apart.
  private static final EventRowConverter CONVERTER = EventRowConverter.forRowType((RowType) ROW(
      FIELD("event_type", INT()), FIELD("bid", ROW(FIELD("auction", BIGINT()), FIELD("dateTime", TIMESTAMP(3)))))
      .getLogicalType());

  private static NexmarkGenerator.Config config() {
    NexmarkGenerator.Config config = new NexmarkGenerator.Config();
    config.seed = 7;
    config.baseTime = 1_000;
    return config;
  }

  @Test
  void emitsItsSplitsEventsAndRestoresWhereItWas() {
    NexmarkSplit second = NexmarkSplit.split(400, 2).get(1);  // event ids 201..400, 2 generators
    List<String> expected = new ArrayList<>();
    NexmarkGenerator.Config shared = config();
    shared.numEventGenerators = 2;
    NexmarkGenerator generator = new NexmarkGenerator(shared, new NexmarkGenerator.Tables(7), 201, 200);
    while (generator.hasNext()) expected.add(text(CONVERTER.toRow(generator.next())));

    Collecting output = new Collecting();
    NexmarkSourceReader reader = new NexmarkSourceReader(config(), CONVERTER);
    reader.addSplits(List.of(second));
    assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(output));
    List<NexmarkSplit> state = reader.snapshotState(1);
    assertEquals("[NexmarkSplit{index=1, numEventGenerators=2, firstEventId=201, maxEvents=200, eventsSoFar=64}]",
        state.toString());

    NexmarkSourceReader restored = new NexmarkSourceReader(config(), CONVERTER);
    restored.addSplits(state);
    restored.notifyNoMoreSplits();
    InputStatus status;
    do {
      status = restored.pollNext(output);
    } while (status == InputStatus.MORE_AVAILABLE);
    assertEquals(InputStatus.END_OF_INPUT, status);
    assertEquals(expected, output.rows);
  }

  private static String text(RowData row) {
    RowData bid = row.isNullAt(1) ? null : row.getRow(1, 2);
    return row.getInt(0) + (bid == null ? "" : "|" + bid.getLong(0) + "|" + bid.getTimestamp(1, 3));
  }

  private static final class Collecting implements ReaderOutput<RowData> {
    final List<String> rows = new ArrayList<>();

    @Override
    public void collect(RowData row) {
      rows.add(text(row));
    }

    @Override
    public void collect(RowData row, long timestamp) {
      collect(row);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<RowData> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }
}
