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
