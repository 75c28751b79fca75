package io.processflow.runtime.internal.template;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pendulum {@code Timezone}: an IANA zone by name, as {@code in_timezone('Europe/Amsterdam')}
 * takes it. Offsets come from Java's time-zone rules; the abbreviations Python prints for {@code
 * %Z} ({@code CET}, {@code EDT}, {@code +1345}) are not in Java's rules, so they are read, as
 * Python's {@code zoneinfo} reads them, from the system's tz database ({@code
 * /usr/share/zoneinfo}).
 */
record PendulumZone(String name, ZoneId id) {
  static final PendulumZone UTC = new PendulumZone("UTC", ZoneOffset.UTC);
  private static final Path TZDIR = Path.of("/usr/share/zoneinfo");
  private static final Map<String, Abbreviations> ABBREVIATIONS = new ConcurrentHashMap<>();
  private static final Set<String> NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

  /** The zone named {@code name}; an unknown name fails with a message naming it. */
  static PendulumZone of(String name) {
    if (name == null) {
      throw PyException.valueError(
          "in_timezone() needs a time zone name such as 'Europe/Amsterdam'");
    }
    if (name.equalsIgnoreCase("UTC")) {
      return UTC;
    }
    if (!NAMES.contains(name)) {
      throw PyException.valueError(
          "Invalid timezone '"
              + name
              + "': use an IANA time zone name such as 'Europe/Amsterdam', 'America/New_York' or"
              + " 'UTC'");
    }
    if (Files.isDirectory(TZDIR) && !Files.isRegularFile(TZDIR.resolve(name))) {
      // A name only the JDK knows (SystemV/AST4): Python's zoneinfo, and so Airflow, refuses it.
      throw PyException.valueError(
          "Invalid timezone '" + name + "': it is not in the tz database (" + TZDIR + ")");
    }
    return new PendulumZone(name, ZoneId.of(name));
  }

  /** The abbreviation in force at {@code instant}, as Python's {@code tzname()}. */
  String abbreviation(Instant instant) {
    if (this == UTC) {
      return "UTC";
    }
    Abbreviations table = ABBREVIATIONS.computeIfAbsent(name, PendulumZone::read);
    String abbreviation =
        table.at(instant.getEpochSecond(), id.getRules().isDaylightSavings(instant));
    if (abbreviation == null) {
      throw PyException.valueError(
          "The abbreviation of time zone '"
              + name
              + "' (%Z, zz) needs the tz database in "
              + TZDIR
              + " (Debian's tzdata), which was not found or not readable");
    }
    return abbreviation;
  }

  private static Abbreviations read(String name) {
    Path file = TZDIR.resolve(name);
    if (!file.normalize().startsWith(TZDIR) || !Files.isRegularFile(file)) {
      return Abbreviations.NONE;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Abbreviations.parse(new DataInputStream(in));
    } catch (IOException | RuntimeException e) {
      return Abbreviations.NONE;
    }
  }

  /**
   * A zone's abbreviations from its TZif file (RFC 8536: the version 2 data, 64-bit times): {@code
   * names[i]} from {@code times[i]} on, {@code before} the first transition (as Python's zoneinfo:
   * the first standard-time type, such as {@code LMT}), and the POSIX footer's standard and
   * daylight-saving names after the last one.
   */
  private record Abbreviations(
      long[] times, String[] names, String before, String standard, String daylight) {
    static final Abbreviations NONE =
        new Abbreviations(new long[0], new String[0], null, null, null);

    String at(long epochSecond, boolean daylightSaving) {
      if (times.length > 0 && epochSecond < times[times.length - 1]) {
        int i = Arrays.binarySearch(times, epochSecond);
        int index = i >= 0 ? i : -i - 2;
        return index < 0 ? before : names[index];
      }
      if (standard == null) {
        return names.length > 0 ? names[names.length - 1] : null;
      }
      return daylightSaving && daylight != null ? daylight : standard;
    }

    static Abbreviations parse(DataInputStream in) throws IOException {
      int[] v1 = header(in);
      if (v1 == null) {
        return NONE;
      }
      // Skip the version 1 (32-bit) block.
      in.skipNBytes(v1[3] * 5L + v1[4] * 6L + v1[5] + v1[2] * 8L + v1[1] + v1[0]);
      int[] h = header(in);
      if (h == null) {
        return NONE;
      }
      int isutcnt = h[0];
      int isstdcnt = h[1];
      int leapcnt = h[2];
      int timecnt = h[3];
      int typecnt = h[4];
      int charcnt = h[5];
      long[] times = new long[timecnt];
      for (int i = 0; i < timecnt; i++) {
        times[i] = in.readLong();
      }
      int[] typeOf = new int[timecnt];
      for (int i = 0; i < timecnt; i++) {
        typeOf[i] = in.readUnsignedByte();
      }
      int[] abbreviationIndex = new int[typecnt];
      int firstStandard = -1;
      for (int i = 0; i < typecnt; i++) {
        in.readInt();
        boolean daylight = in.readUnsignedByte() != 0;
        if (!daylight && firstStandard < 0) {
          firstStandard = i;
        }
        abbreviationIndex[i] = in.readUnsignedByte();
      }
      byte[] chars = in.readNBytes(charcnt);
      in.skipNBytes(leapcnt * 12L + isstdcnt + isutcnt);
      String[] names = new String[timecnt];
      for (int i = 0; i < timecnt; i++) {
        names[i] = text(chars, abbreviationIndex[typeOf[i]]);
      }
      String footer =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
      String[] posix = posixNames(footer);
      String before =
          typecnt == 0 ? null : text(chars, abbreviationIndex[Math.max(firstStandard, 0)]);
      if (timecnt == 0 && posix[0] == null && typecnt > 0) {
        return new Abbreviations(
            times, new String[] {text(chars, abbreviationIndex[0])}, before, null, null);
      }
      return new Abbreviations(times, names, before, posix[0], posix[1]);
    }

    private static int[] header(DataInputStream in) throws IOException {
      byte[] magic = in.readNBytes(4);
      if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("TZif")) {
        return null;
      }
      in.skipNBytes(16);
      int[] counts = new int[6];
      for (int i = 0; i < 6; i++) {
        counts[i] = in.readInt();
      }
      return counts;
    }

    private static String text(byte[] chars, int from) {
      int end = from;
      while (end < chars.length && chars[end] != 0) {
        end++;
      }
      return new String(chars, from, end - from, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The standard and daylight-saving names of a POSIX TZ string such as {@code CET-1CEST,M3.5.0}.
     */
    private static String[] posixNames(String tz) {
      String[] out = new String[2];
      int i = 0;
      for (int part = 0; part < 2 && i < tz.length(); part++) {
        int start;
        int end;
        if (tz.charAt(i) == '<') {
          start = i + 1;
          end = tz.indexOf('>', start);
          if (end < 0) {
            return out;
          }
          i = end + 1;
        } else {
          start = i;
          while (i < tz.length() && Character.isLetter(tz.charAt(i))) {
            i++;
          }
          end = i;
        }
        if (end == start) {
          return out;
        }
        out[part] = tz.substring(start, end);
        while (i < tz.length() && "+-0123456789:".indexOf(tz.charAt(i)) >= 0) {
          i++;
        }
        if (i < tz.length() && tz.charAt(i) == ',') {
          break;
        }
      }
      return out;
    }
  }
}
