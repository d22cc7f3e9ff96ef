package org.acme.transport.broker;

/** A broker this service needs cannot be reached now; callers map it to "service unavailable". */
public class BrokerUnavailableException extends RuntimeException {

  private final String broker;

  public BrokerUnavailableException(String broker, String address) {
    super(broker + " at " + address + " is unavailable");
    this.broker = broker;
  }

  public String broker() {
    return broker;
  }
}
