package com.github.nexmark.flink.udf;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * count_char(s, c) of Nexmark's q14: how many bytes of s (UTF-8) equal the first byte of c, 0
 * for a null s. It carries the class name that q14's CREATE FUNCTION names, so that the query
 * runs on Flink unchanged.
 */
public final class CountChar extends ScalarFunction {
  public long eval(@DataTypeHint("STRING") StringData s, @DataTypeHint("STRING") StringData c) {
    if (s == null) return 0;
    byte target = c.toBytes()[0];
    long count = 0;
    for (byte b : s.toBytes()) {
      if (b == target) count++;
    }
    return count;
  }
}
