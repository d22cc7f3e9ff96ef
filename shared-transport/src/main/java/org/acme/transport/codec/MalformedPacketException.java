package org.acme.transport.codec;

/** A frame or message that is not a Nest packet: bad JSON, no pattern, a corrupt TCP length, an oversize frame. */
public class MalformedPacketException extends RuntimeException {

  public MalformedPacketException(String message) {
    super(message);
  }
}
