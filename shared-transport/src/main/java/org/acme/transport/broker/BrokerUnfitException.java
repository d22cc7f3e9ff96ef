package org.acme.transport.broker;

/** A broker answers but cannot do its job well much longer (memory nearly full): readiness says so, naming it. */
public class BrokerUnfitException extends RuntimeException {

  public BrokerUnfitException(String message) {
    super(message);
  }
}
