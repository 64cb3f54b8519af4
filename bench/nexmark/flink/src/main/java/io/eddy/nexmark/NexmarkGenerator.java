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

  /** A new user (the reference's Person). Times are epoch milliseconds. */
  public static final class Person {
    public final long id;
    public final String name;
    public final String emailAddress;
    public final String creditCard;
    public final String city;
    public final String state;
    public final long dateTime;
    public final String extra;

    Person(long id, String name, String emailAddress, String creditCard, String city, String state, long dateTime,
        String extra) {
      this.id = id;
      this.name = name;
      this.emailAddress = emailAddress;
      this.creditCard = creditCard;
      this.city = city;
      this.state = state;
      this.dateTime = dateTime;
      this.extra = extra;
    }

    @Override
    public String toString() {
      return "P|" + id + "|" + name + "|" + emailAddress + "|" + creditCard + "|" + city + "|" + state + "|" + dateTime
          + "|" + extra;
    }
  }

  /** A new item for sale (the reference's Auction). */
  public static final class Auction {
    public final long id;
    public final String itemName;
    public final String description;
    public final long initialBid;
    public final long reserve;
    public final long dateTime;
    public final long expires;
    public final long seller;
    public final long category;
    public final String extra;

    Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime, long expires,
        long seller, long category, String extra) {
      this.id = id;
      this.itemName = itemName;
      this.description = description;
      this.initialBid = initialBid;
      this.reserve = reserve;
      this.dateTime = dateTime;
      this.expires = expires;
      this.seller = seller;
      this.category = category;
      this.extra = extra;
    }

    @Override
    public String toString() {
      return "A|" + id + "|" + itemName + "|" + description + "|" + initialBid + "|" + reserve + "|" + dateTime + "|"
          + expires + "|" + seller + "|" + category + "|" + extra;
    }
  }

  /** A bid on an auction (the reference's Bid). */
  public static final class Bid {
    public final long auction;
    public final long bidder;
    public final long price;
    public final String channel;
    public final String url;
    public final long dateTime;
    public final String extra;

    Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra) {
      this.auction = auction;
      this.bidder = bidder;
      this.price = price;
      this.channel = channel;
      this.url = url;
      this.dateTime = dateTime;
      this.extra = extra;
    }

    @Override
    public String toString() {
      return "B|" + auction + "|" + bidder + "|" + price + "|" + channel + "|" + url + "|" + dateTime + "|" + extra;
    }
  }

  /**
   * One generated event: its kind (the SQL table's event_type: 0 person, 1 auction, 2 bid) and
   * the matching member, the others null. toString() is the line the test vectors hold.
   */
  public static final class Event {
    public static final int PERSON = 0;
    public static final int AUCTION = 1;
    public static final int BID = 2;

    public final int type;
    public final Person person;
    public final Auction auction;
    public final Bid bid;

    Event(Person person) {
      this.type = PERSON;
      this.person = person;
      this.auction = null;
      this.bid = null;
    }

    Event(Auction auction) {
      this.type = AUCTION;
      this.person = null;
      this.auction = auction;
      this.bid = null;
    }

    Event(Bid bid) {
      this.type = BID;
      this.person = null;
      this.auction = null;
      this.bid = bid;
    }

    @Override
    public String toString() {
      return type == PERSON ? person.toString() : type == AUCTION ? auction.toString() : bid.toString();
    }
  }

  /** The configuration knobs (the reference's NexmarkConfiguration defaults). */
  public static final class Config implements Cloneable, java.io.Serializable {
    private static final long serialVersionUID = 1L;

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

    public Config copy() {
      try {
        return (Config) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
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

  public long eventsCountSoFar() {
    return eventsCountSoFar;
  }

  /** The next event. REQUIRES: hasNext(). */
  public Event next() {
    long adjusted = adjustedEventNumber(eventsCountSoFar);
    long timestamp = timestampForEvent(adjusted);
    long eventId = firstEventId + adjusted;
    long rem = eventId % totalProportion;
    Event event;
    if (rem < config.personProportion) {
      event = new Event(person(eventId, timestamp));
    } else if (rem < config.personProportion + config.auctionProportion) {
      event = new Event(auction(eventId, timestamp));
    } else {
      event = new Event(bid(eventId, timestamp));
    }
    eventsCountSoFar++;
    return event;
  }

  private Person person(long eventId, long timestamp) {
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
    return new Person(id, name, email, card.toString(), city, state, timestamp, extra);
  }

  private Auction auction(long eventId, long timestamp) {
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
    return new Auction(id, name, desc, initialBid, reserve, timestamp, expires, seller, category, extra);
  }

  private Bid bid(long eventId, long timestamp) {
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
    return new Bid(auction, bidder, price, channel, url, timestamp, extra);
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
      String line = generator.next().toString();
      digest.update((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (printed++ < 100) out.append(line).append('\n');
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : digest.digest()) hex.append(String.format("%02x", b));
    System.out.print(out);
    System.out.println("sha256 " + count + " " + hex);
  }
}
