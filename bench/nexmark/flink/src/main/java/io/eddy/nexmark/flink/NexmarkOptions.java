package io.eddy.nexmark.flink;

import io.eddy.nexmark.NexmarkGenerator;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * The options of 'connector' = 'nexmark': the reference's keys (NexmarkSourceOptions) with its
 * defaults, plus Eddy's `seed` and `base-time` that make a run reproducible. Only the keys the
 * generator honours are listed; Flink's factory validation rejects any other.
 */
public final class NexmarkOptions {
  public static final ConfigOption<Long> EVENTS_NUM =
      ConfigOptions.key("events.num").longType().defaultValue(0L)
          .withDescription("Events to generate; 0 for an unbounded source.");
  public static final ConfigOption<Integer> FIRST_EVENT_RATE =
      ConfigOptions.key("first-event.rate").intType().defaultValue(10_000)
          .withDescription("Events per second of event time; sets the gap between event timestamps.");
  public static final ConfigOption<Integer> NEXT_EVENT_RATE =
      ConfigOptions.key("next-event.rate").intType().defaultValue(10_000)
          .withDescription("Must equal first-event.rate: rate shapes are not generated.");
  public static final ConfigOption<Boolean> MAX_EMIT_SPEED =
      ConfigOptions.key("max-emit-speed").booleanType().defaultValue(true)
          .withDescription("Must be true: events are emitted as fast as possible.");
  public static final ConfigOption<Integer> PERSON_PROPORTION =
      ConfigOptions.key("person.proportion").intType().defaultValue(1);
  public static final ConfigOption<Integer> AUCTION_PROPORTION =
      ConfigOptions.key("auction.proportion").intType().defaultValue(3);
  public static final ConfigOption<Integer> BID_PROPORTION =
      ConfigOptions.key("bid.proportion").intType().defaultValue(46);
  public static final ConfigOption<MemorySize> PERSON_AVG_SIZE =
      ConfigOptions.key("person.avg-size").memoryType().defaultValue(MemorySize.parse("200b"));
  public static final ConfigOption<MemorySize> AUCTION_AVG_SIZE =
      ConfigOptions.key("auction.avg-size").memoryType().defaultValue(MemorySize.parse("500b"));
  public static final ConfigOption<MemorySize> BID_AVG_SIZE =
      ConfigOptions.key("bid.avg-size").memoryType().defaultValue(MemorySize.parse("100b"));
  public static final ConfigOption<Integer> BID_HOT_RATIO_AUCTIONS =
      ConfigOptions.key("bid.hot-ratio.auctions").intType().defaultValue(2);
  public static final ConfigOption<Integer> BID_HOT_RATIO_BIDDERS =
      ConfigOptions.key("bid.hot-ratio.bidders").intType().defaultValue(4);
  public static final ConfigOption<Integer> AUCTION_HOT_RATIO_SELLERS =
      ConfigOptions.key("auction.hot-ratio.sellers").intType().defaultValue(4);
  public static final ConfigOption<Long> SEED =
      ConfigOptions.key("seed").longType().defaultValue(0L)
          .withDescription("Seed of the generator's randoms (Eddy's addition).");
  public static final ConfigOption<Long> BASE_TIME =
      ConfigOptions.key("base-time").longType().defaultValue(-1L)
          .withDescription("Event time of the first event in epoch millis; -1 for the time the job is planned.");

  static final List<ConfigOption<?>> ALL = List.of(EVENTS_NUM, FIRST_EVENT_RATE, NEXT_EVENT_RATE, MAX_EMIT_SPEED,
      PERSON_PROPORTION, AUCTION_PROPORTION, BID_PROPORTION, PERSON_AVG_SIZE, AUCTION_AVG_SIZE, BID_AVG_SIZE,
      BID_HOT_RATIO_AUCTIONS, BID_HOT_RATIO_BIDDERS, AUCTION_HOT_RATIO_SELLERS, SEED, BASE_TIME);

  // The largest average size the generator can cut from its 1 MiB reusable string (as Eddy's).
  private static final long MAX_AVERAGE_SIZE = 512 * 1024;

  private NexmarkOptions() {}

  /** The generator configuration the options describe; numEventGenerators is left at 1. */
  static NexmarkGenerator.Config toConfig(ReadableConfig options) {
    NexmarkGenerator.Config config = new NexmarkGenerator.Config();
    config.numEvents = options.get(EVENTS_NUM);
    if (config.numEvents < 0) throw new ValidationException("Option 'events.num' must not be negative.");
    config.firstEventRate = positive(options, FIRST_EVENT_RATE);
    if (positive(options, NEXT_EVENT_RATE) != config.firstEventRate) {
      throw new ValidationException("Option 'next-event.rate' must equal 'first-event.rate': rate shapes are not supported.");
    }
    if (!options.get(MAX_EMIT_SPEED)) {
      throw new ValidationException("Option 'max-emit-speed' = 'false' is not supported: events are emitted as fast as possible.");
    }
    config.personProportion = positive(options, PERSON_PROPORTION);
    config.auctionProportion = positive(options, AUCTION_PROPORTION);
    config.bidProportion = positive(options, BID_PROPORTION);
    config.avgPersonByteSize = averageSize(options, PERSON_AVG_SIZE);
    config.avgAuctionByteSize = averageSize(options, AUCTION_AVG_SIZE);
    config.avgBidByteSize = averageSize(options, BID_AVG_SIZE);
    config.hotAuctionRatio = positive(options, BID_HOT_RATIO_AUCTIONS);
    config.hotBiddersRatio = positive(options, BID_HOT_RATIO_BIDDERS);
    config.hotSellersRatio = positive(options, AUCTION_HOT_RATIO_SELLERS);
    config.seed = options.get(SEED);
    long baseTime = options.get(BASE_TIME);
    config.baseTime = baseTime >= 0 ? baseTime : System.currentTimeMillis();
    return config;
  }

  private static int positive(ReadableConfig options, ConfigOption<Integer> option) {
    int value = options.get(option);
    if (value <= 0) {
      throw new ValidationException("Option '" + option.key() + "' must be positive, but is " + value + ".");
    }
    return value;
  }

  private static int averageSize(ReadableConfig options, ConfigOption<MemorySize> option) {
    long bytes = options.get(option).getBytes();
    if (bytes >= MAX_AVERAGE_SIZE) {
      throw new ValidationException("Option '" + option.key() + "' must be below 512 kb, but is " + bytes + ".");
    }
    return (int) bytes;
  }
}
