package org.acme.transport.broker;

/** Broker addresses as they may be shown (logs, health, error bodies): never with the credentials a URL can carry. */
public final class Addresses {

  private Addresses() {
  }

  /** {@code nats://user:secret@host:4222} becomes {@code nats://host:4222}, for every URL in a comma-separated list. */
  public static String withoutCredentials(String urls) {
    return urls.replaceAll("//[^@/,]*@", "//");
  }
}
