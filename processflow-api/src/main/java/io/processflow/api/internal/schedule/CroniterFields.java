package io.processflow.api.internal.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * croniter's reading of the five fields, rewritten as explicit values that cron-utils then matches
 * the same way. cron-utils reads some expressions otherwise than croniter (Airflow's cron library)
 * does, silently: a step in the day of week that reaches 7 (Sunday), a range whose bounds wrap
 * ({@code 22-2}, {@code FRI-MON}, {@code NOV-FEB}) or start at Sunday's name, a range with equal
 * bounds (croniter: the whole cycle), a full day of month such as {@code *}{@code /1} beside a
 * restricted day of week (croniter: either day matches), and {@code L} in a list of days of month
 * ({@code 1,L}: cron-utils drops the {@code L}). Each plain value, range and step becomes its list
 * of numbers, as croniter's {@code _expand} makes it; {@code L}, {@code W} and {@code #} items are
 * checked as croniter checks them and written as cron-utils reads them ({@code L5}, the last
 * Friday, is its {@code 5L}), and a list that mixes kinds becomes one expression per kind, whose
 * ticks the runtime merges; where croniter ticks erratically (an nth weekday beside a restricted
 * day of month, {@code W} beside a restricted day of week) the expression is refused. A field this
 * class does not recognise is passed on as written, for cron-utils to accept or refuse with its own
 * words.
 */
final class CroniterFields {
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 6};
  private static final int DAY = 2;
  private static final int DOW = 4;
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);
  private static final Pattern ITEM =
      Pattern.compile("(\\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:/([0-9]+))?");

  private CroniterFields() {}

  /**
   * The cron-utils expressions (one, or one per kind of day-of-month item) for the five {@code
   * fields} as croniter reads them.
   */
  static List<String> rewrite(String[] fields) {
    String[] lower = new String[5];
    for (int i = 0; i < 5; i++) {
      lower[i] = fields[i].toLowerCase(Locale.ROOT);
    }
    String[] plain = new String[5];
    List<String> specialDays = new ArrayList<>();
    List<String> specialWeekdays = List.of("*");
    for (int field = 0; field < 5; field++) {
      String expression =
          lower[field].equals("?") && (field == DAY || field == DOW) ? "*" : lower[field];
      TreeSet<Integer> values = new TreeSet<>();
      List<String> special = new ArrayList<>();
      boolean recognised = true;
      boolean star = false;
      for (String item : expression.split(",", -1)) {
        if (item.equals("*")) {
          star = true; // croniter keeps a bare * as *, never as the list of every value
        } else if ((field == DAY && (item.contains("l") || item.contains("w")))
            || (field == DOW && (item.contains("#") || item.contains("l")))) {
          special.add(item);
        } else if (!expand(field, item, values)) {
          recognised = false;
          break;
        }
      }
      if (field == DOW && !special.isEmpty()) {
        if (star || !values.isEmpty() || !recognised) {
          throw new IllegalArgumentException(
              "the day of week '"
                  + fields[DOW]
                  + "' mixes weekdays with nth weekdays (# or L), which croniter refuses");
        }
        if (!lower[DAY].equals("*") && !lower[DAY].equals("?")) {
          // croniter then ignores the day of month in some cases (1 * 5#1: the first Fridays)
          // and finds no date in others (15 * 5#1): no cron-utils reading matches it.
          throw new IllegalArgumentException(
              "the day of month '"
                  + fields[DAY]
                  + "' is restricted beside the nth weekday '"
                  + fields[DOW]
                  + "', which croniter reads erratically (it may ignore the day of month, or find"
                  + " no date); give the day of month as *");
        }
        specialWeekdays = nthWeekdays(fields[DOW], special);
        plain[field] = null;
        continue;
      }
      if (!recognised) {
        plain[field] = fields[field]; // as written: cron-utils reads it, or says why not
        continue;
      }
      if (field == DAY && !special.isEmpty()) {
        checkSpecialDays(fields, special, star || !values.isEmpty());
        specialDays.addAll(special);
      }
      plain[field] = star ? "*" : values.isEmpty() ? null : list(field, values, lower);
    }
    List<String> days = new ArrayList<>();
    if (plain[DAY] != null || specialDays.isEmpty()) {
      days.add(plain[DAY] == null ? "*" : plain[DAY]);
    }
    for (String day : specialDays) {
      days.add(day.toUpperCase(Locale.ROOT));
    }
    List<String> expressions = new ArrayList<>();
    for (String day : days) {
      for (String weekday : plain[DOW] != null ? List.of(plain[DOW]) : specialWeekdays) {
        expressions.add(String.join(" ", plain[0], plain[1], day, plain[3], weekday));
      }
    }
    return expressions;
  }

  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("([0-9]{1,2})w");

  /**
   * The day-of-month items croniter reads beside numbers: {@code L} (also in a list: {@code 1,L}),
   * and {@code 15W} alone, of a day 1-31, with the day of week {@code *} (croniter ignores a
   * restricted one beside it: {@code 15W * 1-5} ticks on the 15th's nearest weekday only).
   */
  private static void checkSpecialDays(String[] fields, List<String> items, boolean numbers) {
    for (String item : items) {
      Matcher nearest = NEAREST_WEEKDAY.matcher(item);
      String wrong = null;
      if (nearest.matches()) {
        int day = Integer.parseInt(nearest.group(1));
        if (day < 1 || day > 31) {
          wrong = "a nearest weekday of day " + day + ", which is not a day of a month";
        } else if (numbers || items.size() > 1) {
          wrong = "'W' in a list, which croniter refuses: 'W' goes with a single day";
        } else if (!fields[DOW].equals("*") && !fields[DOW].equals("?")) {
          wrong =
              "'W' beside the restricted day of week '" + fields[DOW] + "', which croniter ignores";
        }
      } else if (!item.equals("l")) {
        wrong =
            "'"
                + item.toUpperCase(Locale.ROOT)
                + "', which croniter does not read; it reads L (the month's last day, also in a"
                + " list such as 1,L) and 15W (the weekday nearest the 15th)";
      }
      if (wrong != null) {
        throw new IllegalArgumentException("the day of month '" + fields[DAY] + "' has " + wrong);
      }
    }
  }

  private static final Pattern LAST_WEEKDAY = Pattern.compile("l([0-7])");
  private static final Pattern NTH_WEEKDAY = Pattern.compile("([0-7]|[a-z]{3})#([1-5])");

  /**
   * croniter's nth weekdays, as cron-utils writes them: {@code L5} (the month's last Friday) is
   * {@code 5L}, {@code MON#2} is {@code 1#2}; one per item, the ticks of a list merged. Anything
   * else croniter refuses ({@code 5L}, {@code LW}, {@code 5#L}), and so does this.
   */
  private static List<String> nthWeekdays(String field, List<String> items) {
    List<String> weekdays = new ArrayList<>();
    for (String item : items) {
      Matcher last = LAST_WEEKDAY.matcher(item);
      Matcher nth = NTH_WEEKDAY.matcher(item);
      if (last.matches()) {
        weekdays.add(value(DOW, last.group(1)) + "L");
      } else if (nth.matches() && value(DOW, nth.group(1)) != null) {
        weekdays.add(value(DOW, nth.group(1)) + "#" + nth.group(2));
      } else {
        throw new IllegalArgumentException(
            "the day of week '"
                + field
                + "' has '"
                + item.toUpperCase(Locale.ROOT)
                + "', which croniter does not read; it reads the month's last Friday as L5 and its"
                + " second Monday as 1#2 or MON#2");
      }
    }
    return weekdays;
  }

  /**
   * The field's values as cron-utils takes them: {@code *} when they are all of the field's, except
   * a full day of month (or day of week) while the other day field has no {@code *}, which croniter
   * keeps as a list, so that either day matches.
   */
  private static String list(int field, TreeSet<Integer> values, String[] lower) {
    boolean all = values.size() == MAX[field] - MIN[field] + 1;
    boolean otherDayHasStar =
        field == DAY ? lower[DOW].contains("*") : field != DOW || lower[DAY].contains("*");
    if (all && otherDayHasStar) {
      return "*";
    }
    StringBuilder text = new StringBuilder();
    for (int value : values) {
      text.append(text.length() == 0 ? "" : ",").append(value);
    }
    return text.toString();
  }

  /**
   * Adds the values of one item ({@code 5}, {@code *}, {@code 1-5}, {@code 22-2}, {@code 10/15},
   * {@code *}{@code /5}, {@code MON-FRI/2}) as croniter's {@code _expand} makes them; false when
   * the item is none of these or out of the field's range.
   */
  private static boolean expand(int field, String item, TreeSet<Integer> values) {
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      return false;
    }
    boolean star = m.group(1).equals("*");
    Integer low = star ? Integer.valueOf(MIN[field]) : value(field, m.group(1));
    Integer high =
        m.group(2) != null
            ? value(field, m.group(2))
            : star || m.group(3) != null ? Integer.valueOf(MAX[field]) : low;
    if (low == null || high == null || (star && m.group(2) != null)) {
      return false;
    }
    int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    if (step == 0 || Math.max(low, high) > MAX[field] || Math.min(low, high) < MIN[field]) {
      return false;
    }
    if (!star && m.group(2) == null && m.group(3) == null) {
      values.add(low); // one value
      return true;
    }
    if (low > high) {
      // Wraps past the field's end: low..max, then min.., skipping as the step carries over.
      int last = -1;
      for (int v = low; v <= MAX[field]; v += step) {
        values.add(v);
        last = v;
      }
      int skip = 0;
      int afterLast = MAX[field] - last; // croniter's already_skipped
      if (last >= 0 && last + step > MAX[field] + 1 && afterLast < step) {
        skip = step - afterLast;
      }
      for (int v = MIN[field] + skip; v <= high; v += step) {
        values.add(v);
      }
    } else if (low.equals(high)) { // 9-9, and 59/5 (croniter reads it as 59-59/5)
      for (int v = MIN[field]; v <= MAX[field]; v += step) { // croniter: the whole cycle
        values.add(v);
      }
    } else {
      for (int v = low; v <= high; v += step) {
        values.add(v);
      }
    }
    return true;
  }

  /** A bound: a number, a month's or weekday's name; a weekday 7 is Sunday, 0. Null if neither. */
  private static Integer value(int field, String text) {
    Integer value;
    if (text.chars().allMatch(Character::isDigit)) {
      value = text.length() > 3 ? null : Integer.valueOf(text);
    } else {
      value = field == 3 ? MONTHS.get(text) : field == DOW ? DAYS.get(text) : null;
    }
    return value != null && field == DOW && value == 7 ? Integer.valueOf(0) : value;
  }
}
