package io.eddy.nexmark.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NexmarkSplitTest {
  @Test
  void splitsEventIdsAsTheReferenceLastTakingTheRemainder() {
    List<NexmarkSplit> splits = NexmarkSplit.split(10, 3);
    assertEquals("[NexmarkSplit{index=0, numEventGenerators=3, firstEventId=1, maxEvents=3, eventsSoFar=0}, "
        + "NexmarkSplit{index=1, numEventGenerators=3, firstEventId=4, maxEvents=3, eventsSoFar=0}, "
        + "NexmarkSplit{index=2, numEventGenerators=3, firstEventId=7, maxEvents=4, eventsSoFar=0}]",
        splits.toString());
  }

  @Test
  void serializersRoundTrip() throws Exception {
    NexmarkSplit split = new NexmarkSplit(1, 2, 500_001, 500_000, 1234);
    NexmarkSplit back = NexmarkSplitSerializer.SPLIT.deserialize(
        NexmarkSplitSerializer.SPLIT.getVersion(), NexmarkSplitSerializer.SPLIT.serialize(split));
    assertEquals(split.toString(), back.toString());
    List<NexmarkSplit> splits = NexmarkSplit.split(7, 2);
    List<NexmarkSplit> splitsBack = NexmarkSplitSerializer.SPLITS.deserialize(
        NexmarkSplitSerializer.SPLITS.getVersion(), NexmarkSplitSerializer.SPLITS.serialize(splits));
    assertEquals(splits.toString(), splitsBack.toString());
  }
}
