package io.processflow.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs without their secrets: for messages, logs and the pool's configuration. */
final class DbUrls {
  /** {@code password=…} (any case) in the query, up to the next {@code &} or {@code ;}. */
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("([?&;])password=[^&;#]*", Pattern.CASE_INSENSITIVE);

  /** {@code user:password@} in the authority. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*):[^/@?]*@");

  private DbUrls() {}

  /** {@code url} with any password replaced by {@code ***}. */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String redacted = PASSWORD_PARAM.matcher(url).replaceAll("$1password=***");
    return USER_INFO.matcher(redacted).replaceAll("$1:***@");
  }

  /** The password given in {@code url}'s query, or {@code null}. */
  static String password(String url) {
    Matcher matcher = PASSWORD_PARAM.matcher(url);
    return matcher.find() ? matcher.group().substring(1 + "password=".length()) : null;
  }

  /** {@code url} without its {@code password} parameter: the pool gets the password on its own. */
  static String withoutPassword(String url) {
    String stripped = PASSWORD_PARAM.matcher(url).replaceAll("$1");
    return stripped.replace("?&", "?").replace("&&", "&").replaceAll("[?&]$", "");
  }

  /** {@code text} with every occurrence of {@code url} redacted, and any password in it masked. */
  static String redact(String text, String url) {
    if (text == null) {
      return null;
    }
    String out = url == null ? text : text.replace(url, redact(url));
    String password = url == null ? null : password(url);
    return password == null || password.isEmpty() ? out : out.replace(password, "***");
  }
}
