#include "eddy/types/type_serializer.h"

#include <gtest/gtest.h>

#include <limits>

namespace eddy::types {
namespace {

std::string hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[static_cast<uint8_t>(c) >> 4]);
    out.push_back(kDigits[static_cast<uint8_t>(c) & 15]);
  }
  return out;
}

template <typename T>
T roundTrip(const T& value) {
  Result<T> back = deserializeFromBytes<T>(serializeToBytes(value));
  EXPECT_TRUE(back.ok()) << back.status().toString();
  return back.ok() ? *back : T{};
}

TEST(TypeSerializerTest, PrimitivesAreBigEndianAsJava) {
  EXPECT_EQ(hex(serializeToBytes(true)), "01");
  EXPECT_EQ(hex(serializeToBytes(int8_t{-2})), "fe");
  EXPECT_EQ(hex(serializeToBytes(int16_t{0x0102})), "01 02");
  EXPECT_EQ(hex(serializeToBytes(int32_t{-1})), "ff ff ff ff");
  EXPECT_EQ(hex(serializeToBytes(int32_t{0x01020304})), "01 02 03 04");
  EXPECT_EQ(hex(serializeToBytes(int64_t{1})), "00 00 00 00 00 00 00 01");
  EXPECT_EQ(hex(serializeToBytes(1.0f)), "3f 80 00 00");
  EXPECT_EQ(hex(serializeToBytes(-2.0)), "c0 00 00 00 00 00 00 00");
}

TEST(TypeSerializerTest, StringsAreFlinksStringValue) {
  EXPECT_EQ(hex(serializeToBytes(std::string("abc"))), "04 61 62 63");
  EXPECT_EQ(hex(serializeToBytes(std::string())), "01");
  // U+00E9 is one UTF-16 unit 0xE9: varint e9 01.
  EXPECT_EQ(hex(serializeToBytes(std::string("\xc3\xa9"))), "02 e9 01");
  // U+1F600 is the surrogate pair D83D DE00.
  EXPECT_EQ(hex(serializeToBytes(std::string("\xf0\x9f\x98\x80"))), "03 bd b0 03 80 bc 03");
  EXPECT_EQ(hex(serializeToBytes(std::string(200, 'x')).substr(0, 2)), "c9 01");
}

TEST(TypeSerializerTest, StringsRoundTripAnyBytes) {
  for (const std::string& s : {std::string("plain"), std::string("h\xc3\xa9llo \xe4\xb8\xad \xf0\x9f\x98\x80"),
                               std::string("\xff\x80\x00 raw \xed\xa0\x80", 11), std::string(300, 'y'),
                               std::string("\xc3", 1)}) {
    EXPECT_EQ(roundTrip(s), s) << hex(s);
  }
}

TEST(TypeSerializerTest, NumbersRoundTrip) {
  EXPECT_EQ(roundTrip(std::numeric_limits<int64_t>::min()), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(roundTrip(uint32_t{4000000000u}), 4000000000u);
  EXPECT_EQ(roundTrip(uint8_t{250}), 250);
  EXPECT_EQ(roundTrip('z'), 'z');
  EXPECT_EQ(roundTrip(3.25f), 3.25f);
  EXPECT_EQ(roundTrip(-1e300), -1e300);
  EXPECT_EQ(roundTrip(false), false);
}

TEST(TypeSerializerTest, ContainersUseFlinksLayouts) {
  EXPECT_EQ(hex(serializeToBytes(std::vector<int16_t>{1, 2})), "00 00 00 02 00 01 00 02");
  EXPECT_EQ(hex(serializeToBytes(std::pair<std::string, int8_t>{"a", 5})), "02 61 05");
  EXPECT_EQ(hex(serializeToBytes(std::tuple<bool, int8_t, std::string>{true, 7, "b"})), "01 07 02 62");
  EXPECT_EQ(hex(serializeToBytes(std::optional<int8_t>{})), "01");
  EXPECT_EQ(hex(serializeToBytes(std::optional<int8_t>{9})), "00 09");
  EXPECT_EQ(hex(serializeToBytes(std::map<std::string, int8_t>{{"k", 1}})), "00 00 00 01 02 6b 00 01");
}

TEST(TypeSerializerTest, ContainersRoundTrip) {
  const std::vector<std::string> words = {"a", "", "ccc"};
  EXPECT_EQ(roundTrip(words), words);
  const std::vector<bool> flags = {true, false, true};
  EXPECT_EQ(roundTrip(flags), flags);
  const std::tuple<int32_t, std::string, double, std::optional<std::string>> t{-5, "x", 0.5, std::nullopt};
  EXPECT_EQ(roundTrip(t), t);
  const std::map<std::string, std::vector<int64_t>> m = {{"a", {1, 2}}, {"b", {}}};
  EXPECT_EQ(roundTrip(m), m);
  const std::unordered_map<int32_t, std::pair<std::string, bool>> u = {{1, {"one", true}}, {2, {"two", false}}};
  EXPECT_EQ(roundTrip(u), u);
  const std::optional<std::vector<std::optional<int32_t>>> nested = std::vector<std::optional<int32_t>>{1, std::nullopt};
  EXPECT_EQ(roundTrip(nested), nested);
}

struct Click {
  std::string user;
  int64_t timestamp = 0;
  std::vector<std::string> tags;

  void serialize(DataOutputSerializer& out) const {
    TypeSerializer<std::string>::serialize(user, out);
    out.writeLong(timestamp);
    TypeSerializer<std::vector<std::string>>::serialize(tags, out);
  }
  Status deserialize(DataInputDeserializer& in) {
    EDDY_RETURN_IF_ERROR(TypeSerializer<std::string>::deserialize(in, user));
    EDDY_RETURN_IF_ERROR(in.readLong(timestamp));
    return TypeSerializer<std::vector<std::string>>::deserialize(in, tags);
  }
  friend bool operator==(const Click&, const Click&) = default;
};

struct Point {
  int32_t x = 0;
  int32_t y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

}  // namespace

template <>
struct TypeSerializer<Point> {
  static void serialize(const Point& p, DataOutputSerializer& out) {
    out.writeInt(p.x);
    out.writeInt(p.y);
  }
  static Status deserialize(DataInputDeserializer& in, Point& p) {
    EDDY_RETURN_IF_ERROR(in.readInt(p.x));
    return in.readInt(p.y);
  }
};

namespace {

TEST(TypeSerializerTest, UserTypesByMembersOrSpecialisation) {
  const Click click{"alice", 1700000000000, {"mobile", "eu"}};
  EXPECT_EQ(roundTrip(click), click);
  EXPECT_EQ(hex(serializeToBytes(Point{1, -1})), "00 00 00 01 ff ff ff ff");
  const std::vector<std::pair<Point, Click>> both = {{Point{2, 3}, click}};
  EXPECT_EQ(roundTrip(both), both);
}

TEST(TypeSerializerTest, TruncatedInputIsCorruption) {
  EXPECT_EQ(deserializeFromBytes<int32_t>(std::string("\x00\x01", 2)).status().toString(),
            "Corruption: unexpected end of input: 4 bytes needed at offset 0, 2 available");
  EXPECT_EQ(deserializeFromBytes<std::string>("\x05" "ab").status().toString(),
            "Corruption: unexpected end of input: 1 bytes needed at offset 3, 0 available");
  EXPECT_EQ(deserializeFromBytes<std::string>(std::string("\x00", 1)).status().toString(),
            "Corruption: null string where a std::string is expected");
  EXPECT_EQ(deserializeFromBytes<std::vector<int64_t>>(std::string("\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x01"
                                                                   "\x00",
                                                                   13))
                .status()
                .toString(),
            "Corruption: unexpected end of input: 8 bytes needed at offset 12, 1 available");
  EXPECT_EQ(deserializeFromBytes<std::vector<int8_t>>("\xff\xff\xff\xff").status().toString(),
            "Corruption: negative collection size");
  using Triple = std::tuple<int8_t, int16_t, int8_t>;
  EXPECT_EQ(deserializeFromBytes<Triple>("\x01\x02").status().toString(),
            "Corruption: unexpected end of input: 2 bytes needed at offset 1, 1 available");
  const std::string click = serializeToBytes(Click{"bob", 5, {"t"}});
  for (size_t n = 0; n < click.size(); ++n) {
    EXPECT_EQ(deserializeFromBytes<Click>(click.substr(0, n)).status().code(), StatusCode::kCorruption) << n;
  }
  EXPECT_TRUE(deserializeFromBytes<Click>(click).ok());
}

TEST(DataInputDeserializerTest, TracksPosition) {
  DataOutputSerializer out;
  out.writeShort(-2);
  out.writeDouble(1.5);
  out.write("xy");
  DataInputDeserializer in(out.data());
  int16_t s = 0;
  double d = 0;
  std::string rest;
  ASSERT_TRUE(in.readShort(s).ok());
  ASSERT_TRUE(in.readDouble(d).ok());
  EXPECT_EQ(in.position(), 10u);
  ASSERT_TRUE(in.readFully(2, rest).ok());
  EXPECT_EQ(s, -2);
  EXPECT_EQ(d, 1.5);
  EXPECT_EQ(rest, "xy");
  EXPECT_EQ(in.available(), 0u);
  EXPECT_FALSE(in.readFully(1, rest).ok());
  EXPECT_EQ(rest, "xy");
  out.clear();
  EXPECT_EQ(out.length(), 0u);
}

}  // namespace
}  // namespace eddy::types
