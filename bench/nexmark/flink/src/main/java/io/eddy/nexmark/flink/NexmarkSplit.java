package io.eddy.nexmark.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One generator's share of the event space (the reference's GeneratorConfig.split): the event
 * ids it produces, how many generators share the rate (which spaces its event times), and how
 * many events it has emitted so far. Split i of n goes to subtask i, as Eddy's
 * source assigns them, so both engines run the same generators. Immutable.
 */
public final class NexmarkSplit implements SourceSplit {
  final int index;
  final int numEventGenerators;
  final long firstEventId;
  final long maxEvents;
  final long eventsSoFar;

  NexmarkSplit(int index, int numEventGenerators, long firstEventId, long maxEvents, long eventsSoFar) {
    this.index = index;
    this.numEventGenerators = numEventGenerators;
    this.firstEventId = firstEventId;
    this.maxEvents = maxEvents;
    this.eventsSoFar = eventsSoFar;
  }

  /**
   * The n splits of a run of maxEvents events with first event id 1: equal shares, the last one
   * taking the remainder. maxEvents is the generator's bound (numEvents, or its cap when unbounded).
   */
  static List<NexmarkSplit> split(long maxEvents, int n) {
    List<NexmarkSplit> splits = new ArrayList<>(n);
    long share = maxEvents / n;
    long firstEventId = 1;
    for (int i = 0; i < n; i++) {
      long events = i == n - 1 ? maxEvents - share * (n - 1) : share;
      splits.add(new NexmarkSplit(i, n, firstEventId, events, 0));
      firstEventId += events;
    }
    return splits;
  }

  NexmarkSplit withEventsSoFar(long events) {
    return new NexmarkSplit(index, numEventGenerators, firstEventId, maxEvents, events);
  }

  @Override
  public String splitId() {
    return Integer.toString(index);
  }

  @Override
  public String toString() {
    return "NexmarkSplit{index=" + index + ", numEventGenerators=" + numEventGenerators + ", firstEventId=" + firstEventId + ", maxEvents=" + maxEvents
        + ", eventsSoFar=" + eventsSoFar + "}";
  }
}
