import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Prints test vectors for Eddy's keyBy: for keys of the types a job keys by, Java's hashCode,
 * and the key group and operator index that Flink's own KeyGroupRangeAssignment gives them,
 * plus the key group range of every operator index. Output is TSV on stdout (see HEADER).
 */
public final class KeyGroupVectors {

  private static final int[] MAX_PARALLELISMS = {128, 256, 1000, 32768};
  private static final int[] PARALLELISMS = {1, 2, 3, 4, 7, 128};

  private static final String HEADER =
      "# Key rows:   key_type <TAB> key <TAB> java_hash_code <TAB> max_parallelism <TAB> parallelism"
          + " <TAB> key_group <TAB> operator_index\n"
          + "# Range rows: KeyGroupRange <TAB> max_parallelism <TAB> parallelism <TAB> operator_index"
          + " <TAB> start <TAB> end\n"
          + "# A String is UTF-8 with \\\\, \\t, \\n, \\r and \\xHH (other control bytes) escaped.\n"
          + "# A Tuple's fields are joined by ','; only its String field may hold a comma, so the\n"
          + "# other fields split off from the ends. A Double or Float is Java's toString.";

  /** One key with the name of its Java type and its text form in the TSV. */
  private record Key(String type, String text, Object value) {}

  public static void main(String[] args) {
    StringBuilder out = new StringBuilder();
    out.append(HEADER).append('\n');
    List<Key> keys = keys();
    int row = 0;
    for (Key key : keys) {
      for (int maxParallelism : MAX_PARALLELISMS) {
        // Two parallelisms per (key, max parallelism), rotating, keeps the file a few hundred
        // rows while every parallelism meets every key type.
        for (int k = 0; k < 2; k++) {
          int parallelism = PARALLELISMS[(row + k * 3) % PARALLELISMS.length];
          if (parallelism > maxParallelism) {
            continue;
          }
          int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key.value(), maxParallelism);
          int operatorIndex =
              KeyGroupRangeAssignment.assignKeyToParallelOperator(
                  key.value(), maxParallelism, parallelism);
          out.append(key.type()).append('\t').append(key.text()).append('\t')
              .append(key.value().hashCode()).append('\t').append(maxParallelism).append('\t')
              .append(parallelism).append('\t').append(keyGroup).append('\t')
              .append(operatorIndex).append('\n');
        }
        row++;
      }
    }
    for (int maxParallelism : MAX_PARALLELISMS) {
      for (int parallelism : PARALLELISMS) {
        if (parallelism > maxParallelism) {
          continue;
        }
        for (int index : operatorIndexes(parallelism)) {
          KeyGroupRange range =
              KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                  maxParallelism, parallelism, index);
          out.append("KeyGroupRange\t").append(maxParallelism).append('\t').append(parallelism)
              .append('\t').append(index).append('\t').append(range.getStartKeyGroup())
              .append('\t').append(range.getEndKeyGroup()).append('\n');
        }
      }
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    System.out.write(bytes, 0, bytes.length);
    System.out.flush();
  }

  /** Every index for small parallelisms; the ends and the middle for large ones. */
  private static int[] operatorIndexes(int parallelism) {
    if (parallelism <= 7) {
      int[] all = new int[parallelism];
      for (int i = 0; i < parallelism; i++) {
        all[i] = i;
      }
      return all;
    }
    return new int[] {0, 1, parallelism / 2, parallelism - 2, parallelism - 1};
  }

  private static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    for (int v : new int[] {0, 1, -1, 42, 127, 128, 1000, 123456789, -987654321,
        Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      keys.add(new Key("Integer", Integer.toString(v), v));
    }
    for (long v : new long[] {0L, 1L, -1L, -42L, 4294967296L, 1234567890123L, Long.MAX_VALUE,
        Long.MIN_VALUE}) {
      keys.add(new Key("Long", Long.toString(v), v));
    }
    StringBuilder longString = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      longString.append("abcdefghij");
    }
    for (String v : new String[] {"", "a", "hello", "user-42", "tab\there\nnewline\\slash",
        longString.toString(), "é", "café", "Ünïcödé ñ", "中文", "中文键值", "\u00ff", "\u07ff",
        "\u0800", "\uffff", "😀", "a😀b中é", "\uDBFF\uDFFF", "👩‍👩‍👧"}) {
      keys.add(new Key("String", escape(v), v));
    }
    keys.add(tuple2("a", 1));
    keys.add(tuple2("", 0));
    keys.add(tuple2("中文", -7));
    keys.add(tuple2("user,42", Integer.MIN_VALUE));
    keys.add(tuple2("😀", Integer.MAX_VALUE));
    keys.add(tuple3(7L, "x", true));
    keys.add(tuple3(-1L, "中文", false));
    for (double v : new double[] {0.0, -0.0, 1.0, -1.5, Math.PI, 1e-300, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      keys.add(new Key("Double", Double.toString(v), v));
    }
    for (float v : new float[] {0.0f, -0.0f, 1.5f, 3.4e38f, Float.NaN}) {
      keys.add(new Key("Float", Float.toString(v), v));
    }
    keys.add(new Key("Boolean", "true", Boolean.TRUE));
    keys.add(new Key("Boolean", "false", Boolean.FALSE));
    return keys;
  }

  private static Key tuple2(String f0, int f1) {
    return new Key("Tuple2<String,Integer>", escape(f0) + "," + f1, Tuple2.of(f0, f1));
  }

  private static Key tuple3(long f0, String f1, boolean f2) {
    return new Key("Tuple3<Long,String,Boolean>", f0 + "," + escape(f1) + "," + f2,
        Tuple3.of(f0, f1, f2));
  }

  /** The TSV form of a string: UTF-8 text with backslash, tab, newline and control bytes escaped. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
