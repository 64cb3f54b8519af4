package io.eddy.nexmark.flink;

import io.eddy.nexmark.NexmarkGenerator;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * The Nexmark generator as a Flink Source (FLIP-27): one split per parallel instance, each a
 * generator over its share of the event ids, as the reference's source and Eddy's split them.
 * Bounded when events.num is set.
 */
public final class NexmarkSource implements Source<RowData, NexmarkSplit, List<NexmarkSplit>> {
  private static final long serialVersionUID = 1L;

  private final NexmarkGenerator.Config config;
  private final EventRowConverter converter;

  NexmarkSource(NexmarkGenerator.Config config, EventRowConverter converter) {
    this.config = config;
    this.converter = converter;
  }

  @Override
  public Boundedness getBoundedness() {
    return config.numEvents > 0 ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> createEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context) {
    return new NexmarkSplitEnumerator(context, NexmarkSplit.split(maxEvents(), context.currentParallelism()));
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> restoreEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context, List<NexmarkSplit> unassigned) {
    return new NexmarkSplitEnumerator(context, unassigned);
  }

  @Override
  public SimpleVersionedSerializer<NexmarkSplit> getSplitSerializer() {
    return NexmarkSplitSerializer.SPLIT;
  }

  @Override
  public SimpleVersionedSerializer<List<NexmarkSplit>> getEnumeratorCheckpointSerializer() {
    return NexmarkSplitSerializer.SPLITS;
  }

  @Override
  public SourceReader<RowData, NexmarkSplit> createReader(SourceReaderContext context) {
    return new NexmarkSourceReader(config, converter);
  }

  // Unbounded, the reference caps the event count so that its size estimates don't overflow.
  private long maxEvents() {
    if (config.numEvents > 0) return config.numEvents;
    int total = config.personProportion + config.auctionProportion + config.bidProportion;
    int largest = Math.max(config.avgPersonByteSize, Math.max(config.avgAuctionByteSize, config.avgBidByteSize));
    return Long.MAX_VALUE / ((long) total * largest);
  }
}
