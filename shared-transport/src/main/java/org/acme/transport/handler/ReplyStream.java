package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.acme.transport.codec.OutgoingPacket;

/**
 * Turns a handler's values into Nest reply packets. Nest queues each value and merges the completion into the
 * last one, so a stream 1, 2, 3 goes out as {@code {response:1}}, {@code {response:2}},
 * {@code {response:3,isDisposed:true}}; this holds one value back to do the same. No value gives a bare
 * {@code {isDisposed:true}}; a failure gives a final {@code {err}} after the values already sent.
 */
final class ReplyStream {

  private ReplyStream() {
  }

  static Multi<OutgoingPacket> of(Multi<Object> values, ObjectMapper json, Function<Throwable, JsonNode> errors) {
    return Multi.createFrom().emitter(emitter -> {
      AtomicReference<JsonNode> held = new AtomicReference<>();
      Cancellable upstream = values.subscribe().with(
          item -> {
            JsonNode previous = held.getAndSet(json.valueToTree(item));
            if (previous != null) {
              emitter.emit(OutgoingPacket.value(previous, false));
            }
          },
          failure -> {
            JsonNode previous = held.getAndSet(null);
            if (previous != null) {
              emitter.emit(OutgoingPacket.value(previous, false));
            }
            emitter.emit(OutgoingPacket.error(errors.apply(failure)));
            emitter.complete();
          },
          () -> {
            JsonNode last = held.getAndSet(null);
            emitter.emit(last == null ? OutgoingPacket.end() : OutgoingPacket.value(last, true));
            emitter.complete();
          });
      emitter.onTermination(upstream::cancel);
    });
  }
}
