package io.processflow.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the UI. On a loopback address the UI is for this machine's user: requests must name a
 * loopback host (a web page that rebinds its DNS name to 127.0.0.1 cannot read the UI). On any
 * other address every request must carry the token the UI printed at start, as {@code ?token=} (the
 * first page then sets it as a cookie), the cookie, or {@code Authorization: Bearer}. Every POST
 * must carry the form's CSRF token and, when the browser says where it comes from, come from the
 * UI's own origin.
 */
final class Guard {
  static final String COOKIE = "processflow_token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final String csrf = random();

  /** {@code token} is null for a loopback UI. */
  Guard(String token) {
    this.token = token;
  }

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String token() {
    return token;
  }

  String csrf() {
    return csrf;
  }

  /** Why {@code exchange} may not go on, or {@code null} when it may. */
  String refuse(HttpExchange exchange) {
    Headers headers = exchange.getRequestHeaders();
    if (token == null) {
      String host = hostName(headers.getFirst("Host"));
      if (!(host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))) {
        return "this UI listens on a loopback address and answers only requests for localhost";
      }
      return null;
    }
    if (same(token, queryToken(exchange.getRequestURI()))
        || same(token, cookie(headers))
        || same(token, bearer(headers))) {
      return null;
    }
    return "a token is needed: open the address the UI printed when it started";
  }

  /** True when the token came in the query: the UI sets the cookie and redirects without it. */
  boolean tokenInQuery(HttpExchange exchange) {
    return token != null && same(token, queryToken(exchange.getRequestURI()));
  }

  /** Why a POST with {@code form}'s fields may not change anything, or {@code null}. */
  String refusePost(HttpExchange exchange, java.util.Map<String, String> form) {
    Headers headers = exchange.getRequestHeaders();
    String type = headers.getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return "a form post is expected (application/x-www-form-urlencoded)";
    }
    String site = headers.getFirst("Sec-Fetch-Site");
    if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
      return "a request from another site (Sec-Fetch-Site: " + site + ") cannot change anything";
    }
    String origin = headers.getFirst("Origin");
    if (origin != null && !origin.equals("http://" + headers.getFirst("Host"))) {
      return "a request from another origin (" + origin + ") cannot change anything";
    }
    if (!same(csrf, form.get("csrf"))) {
      return "the form's CSRF token is missing or stale: reload the page and try again";
    }
    return null;
  }

  private static String hostName(String host) {
    if (host == null) {
      return "";
    }
    host = host.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static String queryToken(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String cookie(Headers headers) {
    for (String header : headers.getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private static String bearer(Headers headers) {
    String auth = headers.getFirst("Authorization");
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
  }

  private static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
