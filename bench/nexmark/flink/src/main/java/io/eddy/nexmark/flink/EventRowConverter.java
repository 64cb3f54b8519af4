package io.eddy.nexmark.flink;

import io.eddy.nexmark.NexmarkGenerator.Auction;
import io.eddy.nexmark.NexmarkGenerator.Bid;
import io.eddy.nexmark.NexmarkGenerator.Event;
import io.eddy.nexmark.NexmarkGenerator.Person;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

/**
 * Turns generated events into the table's RowData: `event_type INT` and one nested ROW per kind
 * (person, auction, bid), the row of the other kinds null. The nested rows are matched to the
 * generator's fields by name, so the table may declare any subset in any order (the reference's
 * DDL has had bids with and without channel and url). Plans are built once, at planning time;
 * converting an event is a switch per field. Immutable, so shareable across threads.
 */
final class EventRowConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final List<String> PERSON_FIELDS =
      List.of("id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra");
  private static final List<String> AUCTION_FIELDS = List.of(
      "id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller", "category", "extra");
  private static final List<String> BID_FIELDS =
      List.of("auction", "bidder", "price", "channel", "url", "dateTime", "extra");
  private static final List<String> TOP_FIELDS = List.of("event_type", "person", "auction", "bid");

  // For each declared column, its index in TOP_FIELDS; for each nested column, its index in
  // the kind's field list.
  private final int[] top;
  private final int[] person;
  private final int[] auction;
  private final int[] bid;

  private EventRowConverter(int[] top, int[] person, int[] auction, int[] bid) {
    this.top = top;
    this.person = person;
    this.auction = auction;
    this.bid = bid;
  }

  /** A converter for the table's physical row type; throws ValidationException on a field it can't fill. */
  static EventRowConverter forRowType(RowType rowType) {
    int[] top = new int[rowType.getFieldCount()];
    int[] person = new int[0];
    int[] auction = new int[0];
    int[] bid = new int[0];
    for (int i = 0; i < top.length; i++) {
      RowType.RowField field = rowType.getFields().get(i);
      top[i] = indexOf(TOP_FIELDS, field.getName(), "the nexmark table");
      switch (top[i]) {
        case 0 -> requireRoot(field.getName(), field.getType(), LogicalTypeRoot.INTEGER);
        case 1 -> person = plan(field, PERSON_FIELDS);
        case 2 -> auction = plan(field, AUCTION_FIELDS);
        default -> bid = plan(field, BID_FIELDS);
      }
    }
    return new EventRowConverter(top, person, auction, bid);
  }

  RowData toRow(Event event) {
    GenericRowData row = new GenericRowData(top.length);
    for (int i = 0; i < top.length; i++) {
      switch (top[i]) {
        case 0 -> row.setField(i, event.type);
        case 1 -> row.setField(i, event.type == Event.PERSON ? person(event.person) : null);
        case 2 -> row.setField(i, event.type == Event.AUCTION ? auction(event.auction) : null);
        default -> row.setField(i, event.type == Event.BID ? bid(event.bid) : null);
      }
    }
    return row;
  }

  private RowData person(Person p) {
    GenericRowData row = new GenericRowData(person.length);
    for (int i = 0; i < person.length; i++) {
      row.setField(i, switch (person[i]) {
        case 0 -> p.id;
        case 1 -> StringData.fromString(p.name);
        case 2 -> StringData.fromString(p.emailAddress);
        case 3 -> StringData.fromString(p.creditCard);
        case 4 -> StringData.fromString(p.city);
        case 5 -> StringData.fromString(p.state);
        case 6 -> TimestampData.fromEpochMillis(p.dateTime);
        default -> StringData.fromString(p.extra);
      });
    }
    return row;
  }

  private RowData auction(Auction a) {
    GenericRowData row = new GenericRowData(auction.length);
    for (int i = 0; i < auction.length; i++) {
      row.setField(i, switch (auction[i]) {
        case 0 -> a.id;
        case 1 -> StringData.fromString(a.itemName);
        case 2 -> StringData.fromString(a.description);
        case 3 -> a.initialBid;
        case 4 -> a.reserve;
        case 5 -> TimestampData.fromEpochMillis(a.dateTime);
        case 6 -> TimestampData.fromEpochMillis(a.expires);
        case 7 -> a.seller;
        case 8 -> a.category;
        default -> StringData.fromString(a.extra);
      });
    }
    return row;
  }

  private RowData bid(Bid b) {
    GenericRowData row = new GenericRowData(bid.length);
    for (int i = 0; i < bid.length; i++) {
      row.setField(i, switch (bid[i]) {
        case 0 -> b.auction;
        case 1 -> b.bidder;
        case 2 -> b.price;
        case 3 -> StringData.fromString(b.channel);
        case 4 -> StringData.fromString(b.url);
        case 5 -> TimestampData.fromEpochMillis(b.dateTime);
        default -> StringData.fromString(b.extra);
      });
    }
    return row;
  }

  private static int[] plan(RowType.RowField field, List<String> names) {
    requireRoot(field.getName(), field.getType(), LogicalTypeRoot.ROW);
    RowType nested = (RowType) field.getType();
    int[] plan = new int[nested.getFieldCount()];
    for (int i = 0; i < plan.length; i++) {
      RowType.RowField column = nested.getFields().get(i);
      String path = field.getName() + "." + column.getName();
      plan[i] = indexOf(names, column.getName(), "row " + field.getName());
      String name = names.get(plan[i]);
      if (name.equals("dateTime") || name.equals("expires")) {
        requireRoot(path, column.getType(), LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE);
        if (((TimestampType) column.getType()).getPrecision() != 3) {
          throw new ValidationException("Column '" + path + "' must be TIMESTAMP(3), but is " + column.getType() + ".");
        }
      } else if (isString(name)) {
        requireRoot(path, column.getType(), LogicalTypeRoot.VARCHAR);
      } else {
        requireRoot(path, column.getType(), LogicalTypeRoot.BIGINT);
      }
    }
    return plan;
  }

  private static boolean isString(String name) {
    return switch (name) {
      case "name", "emailAddress", "creditCard", "city", "state", "extra", "itemName", "description", "channel", "url" ->
          true;
      default -> false;
    };
  }

  private static int indexOf(List<String> names, String name, String where) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new ValidationException("Unknown column '" + name + "' in " + where + "; known columns: " + names + ".");
    }
    return index;
  }

  private static void requireRoot(String path, LogicalType type, LogicalTypeRoot root) {
    if (type.getTypeRoot() != root) {
      throw new ValidationException("Column '" + path + "' must be of type " + root + ", but is " + type + ".");
    }
  }
}
