package org.acme.transport.client;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids as Nest makes them: 21 lowercase hex characters. */
public final class RequestIds {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {
  }

  public static String next() {
    char[] id = new char[21];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < id.length; i++) {
      id[i] = HEX[random.nextInt(16)];
    }
    return new String(id);
  }
}
