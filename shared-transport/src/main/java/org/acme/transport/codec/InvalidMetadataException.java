package org.acme.transport.codec;

/** A message's metadata breaks the grammar or the limits of {@link MessageMetadata}: the caller's mistake. */
public class InvalidMetadataException extends MalformedPacketException {

  public InvalidMetadataException(String message) {
    super(message);
  }
}
