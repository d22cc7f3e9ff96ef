package org.acme.transport.broker;

import org.acme.transport.Transport;

/** A broker this service needs cannot be reached now; callers map it to "service unavailable". */
public class BrokerUnavailableException extends RuntimeException {

  private final String broker;

  public BrokerUnavailableException(Transport transport, String address) {
    super(transport.broker() + " at " + address + " is unavailable");
    this.broker = transport.broker();
  }

  public String broker() {
    return broker;
  }
}
