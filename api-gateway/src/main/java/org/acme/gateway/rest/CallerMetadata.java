package org.acme.gateway.rest;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.handler.Caller;

/**
 * What the gateway passes on, as message metadata, with every call it makes for one HTTP request: the request's id
 * ({@code X-Request-Id}: the caller's when it is a usable one, else a new one), so that a handler on any transport,
 * Java or Nest, can name the request it works for; and the caller its bearer token authenticated (subject and
 * groups, {@link Caller}), so that a service can tell whose order it is. The clients read it with {@link #options()}; outside an HTTP
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

  /** The metadata of the current HTTP request (its id, its authenticated caller), or none outside one. */
  public static Map<String, String> current() {
    if (!Arc.container().requestContext().isActive()) {
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    String id = Arc.container().instance(CallerMetadata.class).get().requestId();
    if (id != null) {
      metadata.put(REQUEST_ID, id);
    }
    SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
    if (identity != null && !identity.isAnonymous()) {
      metadata.putAll(new Caller(identity.getPrincipal().getName(), identity.getRoles()).metadata());
    }
    return metadata;
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
