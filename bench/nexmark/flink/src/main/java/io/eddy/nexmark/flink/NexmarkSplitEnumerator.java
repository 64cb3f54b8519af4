package io.eddy.nexmark.flink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands split i to subtask i % parallelism as soon as that reader registers, then tells it
 * there are no more. Splits of a failed reader come back and go out again when it re-registers.
 * Runs in the enumerator's single thread.
 */
final class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> {
  private final SplitEnumeratorContext<NexmarkSplit> context;
  private final List<NexmarkSplit> unassigned;

  NexmarkSplitEnumerator(SplitEnumeratorContext<NexmarkSplit> context, List<NexmarkSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayList<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask, String hostname) {
    assignTo(subtask);
  }

  @Override
  public void addSplitsBack(List<NexmarkSplit> splits, int subtask) {
    unassigned.addAll(splits);
  }

  @Override
  public void addReader(int subtask) {
    assignTo(subtask);
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}

  private void assignTo(int subtask) {
    int parallelism = context.currentParallelism();
    for (Iterator<NexmarkSplit> it = unassigned.iterator(); it.hasNext(); ) {
      NexmarkSplit split = it.next();
      if (split.index % parallelism == subtask) {
        context.assignSplit(split, subtask);
        it.remove();
      }
    }
    context.signalNoMoreSplits(subtask);
  }
}
