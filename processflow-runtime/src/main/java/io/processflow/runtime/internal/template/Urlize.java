package io.processflow.runtime.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's {@code urlize(trim_url_limit=None, nofollow=False, target=None, rel=None,
 * extra_schemes=None)}: the text escaped, then each word that is a URL ({@code http://}, {@code
 * https://}, {@code www.}, a bare domain ending in {@code .com}, {@code .org}, ...) or an e-mail
 * address made a link, leading {@code (} and {@code <} and trailing punctuation left out unless
 * they balance a parenthesis in the URL; links get {@code rel="noopener"}, as Jinja2's default
 * policy says.
 */
final class Urlize {
  private Urlize() {}

  private static final String DEFAULT_REL = "noopener";
  private static final int NO_LIMIT = Integer.MIN_VALUE;
  private static final Pattern WORDS = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS;

  /*
   * Jinja2's _http_re read in parts, without a repeated group: Java's regex engine recurses once per
   * repetition of a group, so a long word ('www.a.' * 100000) overflowed the stack. A host is the
   * run of [\w%.-] after the scheme (what may follow it, a port, a path or the end, cannot extend
   * it), checked label by label.
   */
  private static final Pattern HOST = Pattern.compile("[\\w%.-]*", FLAGS);
  private static final Pattern LABEL = Pattern.compile("[\\w%-]+", FLAGS);
  private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[\\w%]{2,59}", FLAGS);
  private static final Pattern BASIC_LABEL = Pattern.compile("[\\w%-]{2,63}", FLAGS);
  private static final Pattern BASIC_TLD =
      Pattern.compile("com|net|int|edu|gov|org|info|mil", FLAGS);
  private static final String AFTER_HOST = "(?::\\d{1,5})?(?:[/?#]\\S*)?\\n?";
  private static final Pattern REST = Pattern.compile(AFTER_HOST, FLAGS);
  private static final Pattern IP_URL =
      Pattern.compile(
          "https?://(?:\\d{1,3}(?:\\.\\d{1,3}){3}"
              + "|\\[(?:[\\da-f]{0,4}:){2}(?:[\\da-f]{0,4}:?){1,6}])"
              + AFTER_HOST,
          FLAGS);
  private static final Pattern EMAIL =
      Pattern.compile("\\S+@\\w[\\w.-]*\\.\\w+\\n?", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SCHEME = Pattern.compile("[\\w.+-]{2,}:/{0,2}");

  static String urlize(Object value, PyArguments a) {
    a.check(5, "trim_url_limit", "nofollow", "target", "rel", "extra_schemes");
    Object limit = a.get(0, "trim_url_limit", PyNone.NONE);
    Object target = a.get(2, "target", PyNone.NONE);
    Object rel = a.get(3, "rel", PyNone.NONE);
    TreeSet<String> rels = new TreeSet<>();
    if (rel != PyNone.NONE && PyValues.truth(rel)) {
      rels.addAll(List.of(PyValues.str(rel).trim().split("\\s+")));
    }
    if (PyValues.truth(a.get(1, "nofollow", false))) {
      rels.add("nofollow");
    }
    rels.add(DEFAULT_REL);
    List<String> schemes = new ArrayList<>();
    Object extra = a.get(4, "extra_schemes", PyNone.NONE);
    if (extra != PyNone.NONE) {
      for (Object scheme : PyMethods.iterate(extra)) {
        if (!SCHEME.matcher(PyValues.str(scheme)).matches()) {
          throw new PyException(
              "FilterArgumentError", PyValues.repr(scheme) + " is not a valid URI scheme prefix.");
        }
        schemes.add(PyValues.str(scheme));
      }
    }
    String attributes =
        " rel=\""
            + StringFilters.escape(String.join(" ", rels))
            + "\""
            + (target == PyNone.NONE || !PyValues.truth(target)
                ? ""
                : " target=\"" + StringFilters.escape(target) + "\"");
    int trim =
        limit == PyNone.NONE
            ? NO_LIMIT
            : (int)
                Math.max(
                    -Integer.MAX_VALUE,
                    Math.min(Integer.MAX_VALUE, PyValues.bigInt(limit).longValue()));
    // Markup is not escaped again, as markupsafe.escape leaves it.
    String text = StringFilters.escape(value).toString();
    StringBuilder out = new StringBuilder();
    Matcher space = WORDS.matcher(text);
    int at = 0;
    while (space.find()) {
      out.append(word(text.substring(at, space.start()), attributes, trim, schemes));
      out.append(space.group());
      at = space.end();
    }
    out.append(word(text.substring(at), attributes, trim, schemes));
    return out.toString();
  }

  private static String word(String word, String attributes, int trim, List<String> schemes) {
    String head = "";
    String middle = word;
    String tail = "";
    int from = 0;
    for (boolean more = true; more; ) {
      more = middle.startsWith("(", from) || middle.startsWith("<", from);
      from += more ? 1 : 0;
      if (!more && middle.startsWith("&lt;", from)) {
        from += 4;
        more = true;
      }
    }
    head = middle.substring(0, from);
    middle = middle.substring(from);
    int to = middle.length();
    for (boolean more = true; more; ) {
      more = to > 0 && ")>.,\n".indexOf(middle.charAt(to - 1)) >= 0;
      if (middle.startsWith("&gt;", to - 4) && to - 4 >= 0) {
        to -= 4;
        more = true;
      } else if (more) {
        to--;
      }
    }
    tail = middle.substring(to);
    middle = middle.substring(0, to);
    for (String[] pair : new String[][] {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}}) {
      int opened = count(middle, pair[0]);
      if (opened <= count(middle, pair[1])) {
        continue;
      }
      for (int moves = Math.min(opened, count(tail, pair[1])); moves > 0; moves--) {
        int end = tail.indexOf(pair[1]) + pair[1].length();
        middle += tail.substring(0, end);
        tail = tail.substring(end);
      }
    }
    if (isHttp(middle)) {
      String href = middle.startsWith("https://") || middle.startsWith("http://") ? "" : "https://";
      middle = link(href + middle, attributes, trimmed(middle, trim));
    } else if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).matches()) {
      middle = link(middle, "", middle.substring(7));
    } else if (middle.contains("@")
        && !middle.startsWith("www.")
        && !middle.contains(":")
        && EMAIL.matcher(middle).matches()) {
      middle = link("mailto:" + middle, "", middle);
    } else {
      for (String scheme : schemes) {
        if (!middle.equals(scheme) && middle.startsWith(scheme)) {
          middle = link(middle, attributes, middle);
        }
      }
    }
    return head + middle + tail;
  }

  /** Whether {@code word} is a URL: Jinja2's {@code _http_re}. */
  private static boolean isHttp(String word) {
    if (IP_URL.matcher(word).matches()) {
      return true;
    }
    int scheme = 0;
    for (String prefix : List.of("https://", "http://", "www.")) {
      if (word.regionMatches(true, 0, prefix, 0, prefix.length())) {
        scheme = prefix.length();
        break;
      }
    }
    return scheme > 0 && isHost(word, scheme, LABEL, TLD, 1)
        || isHost(word, 0, BASIC_LABEL, BASIC_TLD, 2);
  }

  /**
   * Whether {@code word} from {@code start} is a host of at least {@code labels} labels, each but
   * the last a {@code label}, the last a {@code tld}, then a port, a path or nothing.
   */
  private static boolean isHost(String word, int start, Pattern label, Pattern tld, int labels) {
    Matcher host = HOST.matcher(word).region(start, word.length());
    host.lookingAt();
    if (!REST.matcher(word).region(host.end(), word.length()).matches()) {
      return false;
    }
    String[] parts = word.substring(start, host.end()).split("\\.", -1);
    if (parts.length < labels || !tld.matcher(parts[parts.length - 1]).matches()) {
      return false;
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (!label.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String link(String href, String attributes, String text) {
    return "<a href=\"" + href + "\"" + attributes + ">" + text + "</a>";
  }

  /** Python's {@code url[:limit] + '...'} when the URL is longer than {@code limit}. */
  private static String trimmed(String url, int limit) {
    int length = url.codePointCount(0, url.length());
    if (limit == NO_LIMIT || length <= limit) {
      return url;
    }
    int keep = limit >= 0 ? limit : Math.max(0, length + limit);
    return url.substring(0, url.offsetByCodePoints(0, keep)) + "...";
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
