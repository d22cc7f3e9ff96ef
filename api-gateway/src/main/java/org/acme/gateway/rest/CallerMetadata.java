package org.acme.gateway.rest;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;

/**
 * What the gateway passes on, as message metadata, with every call it makes for one HTTP request: the request's id
 * ({@code X-Request-Id}: the caller's when it is a usable one, else a new one), so that a handler on any transport,
 * Java or Nest, can name the request it works for. The clients read it with {@link #options()}; outside an HTTP
 * request (the gateway's own TCP pattern) there is none.
 */
@RequestScoped
public class CallerMetadata {

  /** The HTTP header and the metadata key. */
  public static final String REQUEST_ID = "x-request-id";
  private static final int MAX_REQUEST_ID = 128;

  private String requestId;

  /** Takes the caller's id when it is 1 to 128 printable ASCII characters, and makes one otherwise. */
  void assign(String fromCaller) {
    requestId = usable(fromCaller) ? fromCaller : UUID.randomUUID().toString();
  }

  String requestId() {
    return requestId;
  }

  /** The metadata of the current HTTP request, or none outside one. */
  public static Map<String, String> current() {
    if (!Arc.container().requestContext().isActive()) {
      return Map.of();
    }
    String id = Arc.container().instance(CallerMetadata.class).get().requestId();
    return id == null ? Map.of() : Map.of(REQUEST_ID, id);
  }

  /** {@link #current()} as the options of a call. */
  public static MessageOptions options() {
    Map<String, String> metadata = current();
    return metadata.isEmpty() ? MessageOptions.NONE : MessageOptions.metadata(metadata);
  }

  private static boolean usable(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_REQUEST_ID) {
      return false;
    }
    try {
      MessageMetadata.checkEntry(REQUEST_ID, id);
      return true;
    } catch (InvalidMetadataException e) {
      return false;
    }
  }
}
