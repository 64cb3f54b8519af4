package com.github.nexmark.flink.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

class CountCharTest {
  @Test
  void countsTheBytesEqualToTheFirstOfTheSecondArgument() {
    CountChar countChar = new CountChar();
    assertEquals(3, countChar.eval(StringData.fromString("cabcacx"), StringData.fromString("cd")));
    assertEquals(0, countChar.eval(StringData.fromString("ab"), StringData.fromString("c")));
    assertEquals(0, countChar.eval(null, StringData.fromString("c")));
  }
}
