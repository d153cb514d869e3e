package io.onramp.web;

/**
 * What a text field of an Onramp API may hold — the same text is written into three CRMs, logs,
 * PostgreSQL and browsers: any Unicode text, with tab, line feed and carriage return, but no other
 * control character (U+0000–U+001F, U+007F–U+009F; PostgreSQL refuses NUL outright, logs and CRMs
 * mangle the rest), no unpaired surrogate and no non-character U+FFFE/U+FFFF. Markup is plain text
 * here: it is escaped where it is shown, not refused. Field names follow the same rule.
 */
public final class TextRule {

  private TextRule() {}

  /**
   * {@code text} with every character the rule refuses replaced by U+FFFD: for text Onramp passes on but did
   * not write itself (a CRM's error message in an acknowledgement or an incident), so a vendor's stray
   * control character never makes our own API refuse the report of it.
   */
  public static String sanitize(String text) {
    if (text == null || violation(text) == null) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        clean.append(c).append(text.charAt(++i));
      } else if (c != '\t' && c != '\n' && c != '\r' && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff
          || Character.isSurrogate(c))) {
        clean.append('\ufffd');
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  /** {@link #sanitize} applied to every text (and key) of a JSON-like tree of maps, lists and values, as a copy. */
  public static Object sanitizeAll(Object value) {
    if (value instanceof String text) {
      return sanitize(text);
    }
    if (value instanceof java.util.Map<?, ?> map) {
      java.util.Map<Object, Object> clean = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> clean.put(k instanceof String key ? sanitize(key) : k, sanitizeAll(v)));
      return clean;
    }
    if (value instanceof java.util.List<?> list) {
      return list.stream().map(TextRule::sanitizeAll).toList();
    }
    return value;
  }

  /** Why {@code text} breaks the rule, or {@code null} when it keeps it. */
  public static String violation(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return "must not contain the control character U+%04X (at position %d)".formatted((int) c, i);
      }
      if (c == 0xfffe || c == 0xffff) {
        return "must not contain the non-character U+%04X (at position %d)".formatted((int) c, i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain an unpaired surrogate (at position %d)".formatted(i);
      }
    }
    return null;
  }
}
