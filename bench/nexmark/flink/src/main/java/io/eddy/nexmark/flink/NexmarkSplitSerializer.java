package io.eddy.nexmark.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Checkpointed forms of splits and of the enumerator's unassigned splits: the split's five
 * numbers, big-endian; a list is its length and then each split. Stateless.
 */
final class NexmarkSplitSerializer {
  private static final int VERSION = 1;

  private NexmarkSplitSerializer() {}

  static final SimpleVersionedSerializer<NexmarkSplit> SPLIT = new SimpleVersionedSerializer<>() {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(NexmarkSplit split) throws IOException {
      return serializeAll(List.of(split));
    }

    @Override
    public NexmarkSplit deserialize(int version, byte[] bytes) throws IOException {
      return deserializeAll(version, bytes).get(0);
    }
  };

  static final SimpleVersionedSerializer<List<NexmarkSplit>> SPLITS = new SimpleVersionedSerializer<>() {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(List<NexmarkSplit> splits) throws IOException {
      return serializeAll(splits);
    }

    @Override
    public List<NexmarkSplit> deserialize(int version, byte[] bytes) throws IOException {
      return deserializeAll(version, bytes);
    }
  };

  private static byte[] serializeAll(List<NexmarkSplit> splits) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + 32 * splits.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(splits.size());
      for (NexmarkSplit split : splits) {
        out.writeInt(split.index);
        out.writeInt(split.numEventGenerators);
        out.writeLong(split.firstEventId);
        out.writeLong(split.maxEvents);
        out.writeLong(split.eventsSoFar);
      }
    }
    return bytes.toByteArray();
  }

  private static List<NexmarkSplit> deserializeAll(int version, byte[] bytes) throws IOException {
    if (version != VERSION) throw new IOException("Unknown Nexmark split version " + version);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int count = in.readInt();
      List<NexmarkSplit> splits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        splits.add(new NexmarkSplit(in.readInt(), in.readInt(), in.readLong(), in.readLong(), in.readLong()));
      }
      return splits;
    }
  }
}
