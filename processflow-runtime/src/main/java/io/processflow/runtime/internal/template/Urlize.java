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
  private static final Pattern WORDS = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern HEAD = Pattern.compile("^(?:[(<]|&lt;)+");
  private static final Pattern TAIL = Pattern.compile("(?:[)>.,\\n]|&gt;)+$");
  private static final Pattern HTTP =
      Pattern.compile(
          "(?:(?:https?://|www\\.)(?:[\\w%-]+\\.)*(?:[a-z]{2,63}|xn--[\\w%]{2,59})"
              + "|(?:[\\w%-]{2,63}\\.)+(?:com|net|int|edu|gov|org|info|mil)"
              + "|https?://(?:\\d{1,3}(?:\\.\\d{1,3}){3}"
              + "|\\[(?:[\\da-f]{0,4}:){2}(?:[\\da-f]{0,4}:?){1,6}]))"
              + "(?::\\d{1,5})?(?:[/?#]\\S*)?\\n?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
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
    int trim = limit == PyNone.NONE ? -1 : (int) PyValues.bigInt(limit).longValue();
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
    Matcher lead = HEAD.matcher(middle);
    if (lead.find()) {
      head = lead.group();
      middle = middle.substring(lead.end());
    }
    Matcher trail = TAIL.matcher(middle);
    if (trail.find()) {
      tail = trail.group();
      middle = middle.substring(0, trail.start());
    }
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
    if (HTTP.matcher(middle).matches()) {
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

  private static String link(String href, String attributes, String text) {
    return "<a href=\"" + href + "\"" + attributes + ">" + text + "</a>";
  }

  private static String trimmed(String url, int limit) {
    return limit >= 0 && url.length() > limit ? url.substring(0, limit) + "..." : url;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
