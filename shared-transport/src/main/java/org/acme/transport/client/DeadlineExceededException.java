package org.acme.transport.client;

import java.time.Duration;

/** No complete reply arrived within the request's deadline. */
public class DeadlineExceededException extends RuntimeException {

  public DeadlineExceededException(String transport, String pattern, Duration deadline) {
    super("no reply to " + pattern + " over " + transport + " within " + deadline.toMillis() + " ms");
  }
}
