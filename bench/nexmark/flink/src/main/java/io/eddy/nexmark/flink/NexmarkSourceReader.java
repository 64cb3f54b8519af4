package io.eddy.nexmark.flink;

import io.eddy.nexmark.NexmarkGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;

/**
 * Runs one NexmarkGenerator per assigned split and emits its events as RowData, a few at a time
 * from each split in turn (as Eddy's reader), as fast as the job takes them. A restored split
 * regenerates and drops the events it had emitted, which puts its randoms where they were. Used
 * by its task's thread only.
 */
final class NexmarkSourceReader implements SourceReader<RowData, NexmarkSplit> {
  // Events per pollNext call: enough to amortize the call, few enough to let mails in.
  private static final int EVENTS_PER_POLL = 64;

  private final NexmarkGenerator.Config config;
  private final EventRowConverter converter;
  private final List<NexmarkSplit> splits = new ArrayList<>();
  private final List<NexmarkGenerator> generators = new ArrayList<>();
  private NexmarkGenerator.Tables tables;
  private int next;
  private boolean noMoreSplits;
  private CompletableFuture<Void> available = new CompletableFuture<>();

  NexmarkSourceReader(NexmarkGenerator.Config config, EventRowConverter converter) {
    this.config = config;
    this.converter = converter;
  }

  @Override
  public void start() {}

  @Override
  public InputStatus pollNext(ReaderOutput<RowData> output) {
    if (generators.isEmpty()) return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    next %= generators.size();
    NexmarkGenerator generator = generators.get(next);
    for (int i = 0; i < EVENTS_PER_POLL && generator.hasNext(); i++) {
      output.collect(converter.toRow(generator.next()));
    }
    if (generator.hasNext()) {
      next++;
    } else {
      generators.remove(next);
      splits.remove(next);
    }
    if (!generators.isEmpty()) return InputStatus.MORE_AVAILABLE;
    return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    List<NexmarkSplit> state = new ArrayList<>(splits.size());
    for (int i = 0; i < splits.size(); i++) {
      state.add(splits.get(i).withEventsSoFar(generators.get(i).eventsCountSoFar()));
    }
    return state;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    if (!generators.isEmpty() || noMoreSplits) return CompletableFuture.completedFuture(null);
    if (available.isDone()) available = new CompletableFuture<>();
    return available;
  }

  @Override
  public void addSplits(List<NexmarkSplit> added) {
    if (tables == null) tables = new NexmarkGenerator.Tables(config.seed);
    for (NexmarkSplit split : added) {
      NexmarkGenerator.Config mine = config.copy();
      mine.numEventGenerators = split.numEventGenerators;
      NexmarkGenerator generator = new NexmarkGenerator(mine, tables, split.firstEventId, split.maxEvents);
      for (long i = 0; i < split.eventsSoFar && generator.hasNext(); i++) generator.next();
      splits.add(split);
      generators.add(generator);
    }
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {}
}
