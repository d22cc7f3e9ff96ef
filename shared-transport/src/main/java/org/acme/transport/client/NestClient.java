package org.acme.transport.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.acme.transport.codec.NestCodec;

/**
 * Nest's {@code ClientProxy}, in Java: one per transport, all behind this seam. Unlike Nest, every request has a
 * deadline (the client's configured {@code timeout}), so nothing waits forever.
 * <p>
 * A pattern is a string or an object pattern in JSON ({@code "{\"cmd\":\"sum\"}"}). Failures arrive as
 * {@link RemoteException} (the server's {@code err}), {@link DeadlineExceededException},
 * {@link NoResponderException} or {@link org.acme.transport.broker.BrokerUnavailableException}.
 * <p>
 * Every call takes {@link MessageOptions} (metadata and the transport's own knobs); the plain calls send none.
 */
public interface NestClient {

  /** tcp, redis, nats, mqtt, rmq or kafka. */
  String transport();

  /** Every reply value of a request, in order, until the server disposes the stream. */
  Multi<JsonNode> stream(String pattern, Object data, MessageOptions options);

  /** Publishes an event; completes when the transport has taken it (see the wire protocol notes per transport). */
  Uni<Void> emit(String pattern, Object data, MessageOptions options);

  default Multi<JsonNode> stream(String pattern, Object data) {
    return stream(pattern, data, MessageOptions.NONE);
  }

  default Uni<Void> emit(String pattern, Object data) {
    return emit(pattern, data, MessageOptions.NONE);
  }

  /** A single-answer request, as Nest's {@code lastValueFrom(client.send(...))}: the last value, read as the type. */
  default <T> Uni<T> send(String pattern, Object data, Class<T> type) {
    return send(pattern, data, MessageOptions.NONE, type);
  }

  /** The same, with metadata and the transport's own options. */
  default <T> Uni<T> send(String pattern, Object data, MessageOptions options, Class<T> type) {
    return stream(pattern, data, options).collect().last()
        .map(node -> node == null || type == JsonNode.class ? type.cast(node) : NestCodec.json().convertValue(node, type));
  }
}
