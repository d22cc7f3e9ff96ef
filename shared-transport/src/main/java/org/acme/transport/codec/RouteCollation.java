package org.acme.transport.codec;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * The key order of JavaScript's {@code localeCompare} (ICU root collation), which Nest uses to sort pattern keys.
 * <p>
 * For ASCII keys this reproduces ICU exactly enough for routes: punctuation and symbols before digits before
 * letters, letters compared case-blind first, and at an equal spelling lower case before upper case. Node sorts
 * {@code _x, 1, 10, 2, a, A, a_b, ab, b, B, cmd, Cmd} and so does this. Keys outside ASCII fall back to the
 * JDK's root collator, which can disagree with ICU on rare characters: keep pattern keys in ASCII.
 */
final class RouteCollation implements Comparator<String> {

  static final RouteCollation INSTANCE = new RouteCollation();

  /** ICU root order of ASCII punctuation and symbols (all sort before digits). */
  private static final String SYMBOLS = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

  private final Collator fallback = Collator.getInstance(Locale.ROOT);

  @Override
  public int compare(String a, String b) {
    if (!isAscii(a) || !isAscii(b)) {
      return fallback.compare(a, b);
    }
    int primary = comparePrimary(a, b);
    if (primary != 0) {
      return primary;
    }
    for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Character.isLowerCase(x) ? -1 : 1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int comparePrimary(String a, String b) {
    for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
      int diff = Integer.compare(weight(a.charAt(i)), weight(b.charAt(i)));
      if (diff != 0) {
        return diff;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int weight(char c) {
    if (Character.isLetter(c)) {
      return 2000 + Character.toLowerCase(c);
    }
    if (Character.isDigit(c)) {
      return 1000 + c;
    }
    if (c == ' ') {
      return 0;
    }
    int symbol = SYMBOLS.indexOf(c);
    return symbol >= 0 ? 10 + symbol : 100 + c;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }
}
