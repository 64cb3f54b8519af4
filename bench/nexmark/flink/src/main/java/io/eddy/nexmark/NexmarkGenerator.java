package io.eddy.nexmark;

import java.util.SplittableRandom;

/**
 * The Nexmark generator of nexmark/nexmark (GeneratorConfig, NexmarkGenerator, Person/Auction/
 * BidGenerator, StringsGenerator), with its randoms seeded as Eddy's C++ generator seeds them:
 * the per-generator random with seed + firstEventId, the reusable extra string with seed, the
 * URL tables with seed + 1. Same configuration, same events, field by field.
 */
public final class NexmarkGenerator {
  public static final long FIRST_AUCTION_ID = 1000L;
  public static final long FIRST_PERSON_ID = 1000L;
  public static final long FIRST_CATEGORY_ID = 10L;

  private static final String[] US_STATES = "AZ,CA,ID,OR,WA,WY".split(",");
  private static final String[] US_CITIES =
      "Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne".split(",");
  private static final String[] FIRST_NAMES = "Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter".split(",");
  private static final String[] LAST_NAMES = "Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris".split(",");
  private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  private static final int CHANNELS_NUMBER = 10_000;

  /** The configuration knobs (the reference's NexmarkConfiguration defaults). */
  public static final class Config {
    public long numEvents = 0;
    public int numEventGenerators = 1;
    public int firstEventRate = 10000;
    public int personProportion = 1;
    public int auctionProportion = 3;
    public int bidProportion = 46;
    public int avgPersonByteSize = 200;
    public int avgAuctionByteSize = 500;
    public int avgBidByteSize = 100;
    public int hotAuctionRatio = 2;
    public int hotSellersRatio = 4;
    public int hotBiddersRatio = 4;
    public int numInFlightAuctions = 100;
    public int numActivePeople = 1000;
    public long outOfOrderGroupSize = 1;
    public long seed = 0;
    public long baseTime = 0;
  }

  /** The tables the reference builds from static randoms. */
  public static final class Tables {
    final String reusableExtra;
    final String[] hotUrls = new String[4];
    final String[] channels = new String[CHANNELS_NUMBER];
    final String[] channelUrls = new String[CHANNELS_NUMBER];

    public Tables(long seed) {
      SplittableRandom strings = new SplittableRandom(seed);
      StringBuilder sb = new StringBuilder(1024 * 1024);
      int rnd = 0;
      int n = 0;
      for (int length = 1024 * 1024; length > 0; length--) {
        if (n == 0) {
          rnd = strings.nextInt();
          n = 6;
        }
        sb.append((char) ('a' + rnd % 26));
        rnd /= 26;
        n--;
      }
      reusableExtra = sb.toString();
      SplittableRandom urls = new SplittableRandom(seed + 1);
      for (int i = 0; i < 4; i++) hotUrls[i] = baseUrl(urls);
      for (int i = 0; i < CHANNELS_NUMBER; i++) {
        String url = baseUrl(urls);
        if (urls.nextInt(10) > 0) url = url + "&channel_id=" + Math.abs(Integer.reverse(i));
        channels[i] = "channel-" + i;
        channelUrls[i] = url;
      }
    }

    private static String baseUrl(SplittableRandom random) {
      return "https://www.nexmark.com/" + nextString(random, 5, '_') + '/' + nextString(random, 5, '_') + '/'
          + nextString(random, 5, '_') + '/' + "item.htm?query=1";
    }
  }

  private final Config config;
  private final Tables tables;
  private final SplittableRandom random;
  private final int totalProportion;
  private final double interEventDelayUs;
  private final long firstEventId;
  private final long maxEvents;
  private final long firstEventNumber = 1;
  private long eventsCountSoFar;

  public NexmarkGenerator(Config config, Tables tables, long firstEventId, long maxEvents) {
    this.config = config;
    this.tables = tables;
    this.firstEventId = firstEventId;
    this.maxEvents = maxEvents;
    this.totalProportion = config.personProportion + config.auctionProportion + config.bidProportion;
    this.interEventDelayUs = 1000000.0 / config.firstEventRate * config.numEventGenerators;
    this.random = new SplittableRandom(config.seed + firstEventId);
  }

  public boolean hasNext() {
    return eventsCountSoFar < maxEvents;
  }

  long adjustedEventNumber(long numEvents) {
    long n = config.outOfOrderGroupSize;
    long eventNumber = firstEventNumber + numEvents;
    return (eventNumber / n) * n + (eventNumber * 953) % n;
  }

  long timestampForEvent(long eventNumber) {
    return config.baseTime + (long) (eventNumber * interEventDelayUs) / 1000L;
  }

  /** The next event as one line: P|..., A|... or B|... (the form Eddy's tests compare). */
  public String next() {
    long adjusted = adjustedEventNumber(eventsCountSoFar);
    long timestamp = timestampForEvent(adjusted);
    long eventId = firstEventId + adjusted;
    long rem = eventId % totalProportion;
    String line;
    if (rem < config.personProportion) {
      line = person(eventId, timestamp);
    } else if (rem < config.personProportion + config.auctionProportion) {
      line = auction(eventId, timestamp);
    } else {
      line = bid(eventId, timestamp);
    }
    eventsCountSoFar++;
    return line;
  }

  private String person(long eventId, long timestamp) {
    long id = lastBase0PersonId(eventId) + FIRST_PERSON_ID;
    String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
    String email = nextString(random, 7, ' ') + "@" + nextString(random, 5, ' ') + ".com";
    StringBuilder card = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      if (i > 0) card.append(' ');
      card.append(String.format("%04d", random.nextInt(10000)));
    }
    String city = US_CITIES[random.nextInt(US_CITIES.length)];
    String state = US_STATES[random.nextInt(US_STATES.length)];
    int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length();
    String extra = nextExtra(size, config.avgPersonByteSize);
    return "P|" + id + "|" + name + "|" + email + "|" + card + "|" + city + "|" + state + "|" + timestamp + "|" + extra;
  }

  private String auction(long eventId, long timestamp) {
    long id = lastBase0AuctionId(eventId) + FIRST_AUCTION_ID;
    long seller;
    if (random.nextInt(config.hotSellersRatio) > 0) {
      seller = (lastBase0PersonId(eventId) / 100) * 100;
    } else {
      seller = nextBase0PersonId(eventId);
    }
    seller += FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + random.nextInt(5);
    long initialBid = nextPrice();
    long currentEventNumber = adjustedEventNumber(eventsCountSoFar);
    long numEventsForAuctions = ((long) config.numInFlightAuctions * totalProportion) / config.auctionProportion;
    long horizonMs = timestampForEvent(currentEventNumber + numEventsForAuctions) - timestamp;
    long expires = timestamp + 1L + nextLong(Math.max(horizonMs * 2, 1L));
    String name = nextString(random, 20, ' ');
    String desc = nextString(random, 100, ' ');
    long reserve = initialBid + nextPrice();
    int size = 8 + name.length() + desc.length() + 40;
    String extra = nextExtra(size, config.avgAuctionByteSize);
    return "A|" + id + "|" + name + "|" + desc + "|" + initialBid + "|" + reserve + "|" + timestamp + "|" + expires
        + "|" + seller + "|" + category + "|" + extra;
  }

  private String bid(long eventId, long timestamp) {
    long auction;
    if (random.nextInt(config.hotAuctionRatio) > 0) {
      auction = (lastBase0AuctionId(eventId) / 100) * 100;
    } else {
      auction = nextBase0AuctionId(eventId);
    }
    auction += FIRST_AUCTION_ID;
    long bidder;
    if (random.nextInt(config.hotBiddersRatio) > 0) {
      bidder = (lastBase0PersonId(eventId) / 100) * 100 + 1;
    } else {
      bidder = nextBase0PersonId(eventId);
    }
    bidder += FIRST_PERSON_ID;
    long price = nextPrice();
    String channel;
    String url;
    if (random.nextInt(2) > 0) {
      int i = random.nextInt(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[i];
      url = tables.hotUrls[i];
    } else {
      int i = random.nextInt(CHANNELS_NUMBER);
      channel = tables.channels[i];
      url = tables.channelUrls[i];
    }
    bidder += FIRST_PERSON_ID;  // the reference adds it twice
    String extra = nextExtra(32, config.avgBidByteSize);
    return "B|" + auction + "|" + bidder + "|" + price + "|" + channel + "|" + url + "|" + timestamp + "|" + extra;
  }

  private long lastBase0PersonId(long eventId) {
    long epoch = eventId / totalProportion;
    long offset = eventId % totalProportion;
    if (offset >= config.personProportion) offset = config.personProportion - 1;
    return epoch * config.personProportion + offset;
  }

  private long nextBase0PersonId(long eventId) {
    long numPeople = lastBase0PersonId(eventId) + 1;
    long activePeople = Math.min(numPeople, config.numActivePeople);
    return numPeople - activePeople + nextLong(activePeople + 10);
  }

  private long lastBase0AuctionId(long eventId) {
    long epoch = eventId / totalProportion;
    long offset = eventId % totalProportion;
    if (offset < config.personProportion) {
      epoch--;
      offset = config.auctionProportion - 1;
    } else if (offset >= config.personProportion + config.auctionProportion) {
      offset = config.auctionProportion - 1;
    } else {
      offset -= config.personProportion;
    }
    return epoch * config.auctionProportion + offset;
  }

  private long nextBase0AuctionId(long eventId) {
    long maxAuction = lastBase0AuctionId(eventId);
    long minAuction = Math.max(maxAuction - config.numInFlightAuctions, 0);
    return minAuction + nextLong(maxAuction - minAuction + 1 + 10);
  }

  private long nextLong(long n) {
    if (n < Integer.MAX_VALUE) return random.nextInt((int) n);
    return Math.abs(random.nextLong() % n);
  }

  private long nextPrice() {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  private String nextExtra(int currentSize, int desiredAverageSize) {
    if (currentSize > desiredAverageSize) return "";
    desiredAverageSize -= currentSize;
    int delta = (int) Math.round(desiredAverageSize * 0.2);
    int minSize = desiredAverageSize - delta;
    int desiredSize = minSize + (delta == 0 ? 0 : random.nextInt(2 * delta));
    int offset = random.nextInt(tables.reusableExtra.length() - desiredSize);
    return tables.reusableExtra.substring(offset, offset + desiredSize);
  }

  static String nextString(SplittableRandom random, int maxLength, char special) {
    int len = 3 + random.nextInt(maxLength - 3);
    StringBuilder sb = new StringBuilder(len);
    while (len-- > 0) {
      if (random.nextInt(13) == 0) {
        sb.append(special);
      } else {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString().trim();
  }

  /** Prints the first N events of a one-generator run: PrintEvents <seed> <baseTime> <count>. */
  public static void main(String[] args) throws Exception {
    Config config = new Config();
    config.seed = Long.parseLong(args[0]);
    config.baseTime = Long.parseLong(args[1]);
    long count = Long.parseLong(args[2]);
    NexmarkGenerator generator = new NexmarkGenerator(config, new Tables(config.seed), 1, count);
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    StringBuilder out = new StringBuilder();
    int printed = 0;
    while (generator.hasNext()) {
      String line = generator.next();
      digest.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (printed++ < 100) out.append(line).append('\n');
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) hex.append(String.format("%02x", b));
    System.out.print(out);
    System.out.println("sha256 " + count + " " + hex);
  }
}
