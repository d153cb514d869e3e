package io.onramp.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.springframework.web.util.UriUtils;

/**
 * A request path as the services behind the gateway will understand it, for the gateway's own rules:
 * percent-decoded (until it no longer changes), matrix parameters dropped, doubled slashes folded, dot
 * segments resolved and lower case — so {@code /engine-rest//Engine/%64efault;x=1/task} is seen as the
 * {@code /engine-rest/engine/default/task} it reaches. A path that cannot be decoded has no meaning
 * here: {@link #of} answers {@code null} and the caller refuses it.
 */
final class GuardedPath {

  private GuardedPath() {}

  static String of(String rawPath) {
    String path = rawPath;
    try {
      for (int i = 0; i < 3; i++) {
        String decoded = UriUtils.decode(path, StandardCharsets.UTF_8);
        if (decoded.equals(path)) {
          break;
        }
        path = decoded;
      }
    } catch (IllegalArgumentException undecodable) {
      return null;
    }
    path = path.replace('\\', '/').replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        segments.pollLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments).toLowerCase(Locale.ROOT);
  }
}
