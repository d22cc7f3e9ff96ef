package org.acme.transport.client;

/** The broker says nobody listens on the pattern (NATS no-responders), so the request fails at once. */
public class NoResponderException extends RuntimeException {

  public NoResponderException(String pattern) {
    super("Empty response. There are no subscribers listening to that message (\"" + pattern + "\")");
  }
}
