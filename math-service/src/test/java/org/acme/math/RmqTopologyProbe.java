package org.acme.math;

import io.quarkus.arc.properties.IfBuildProperty;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.handler.EventPattern;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/**
 * Test-only handlers on AMQP topic wildcards ({@link RmqTopologyTests}): each says which of them answered, for which
 * pattern, and through which exchange and routing key. Only in that test's build: {@code #} inside a word is no
 * MQTT filter, and the MQTT server of the other tests would subscribe to it.
 */
@MessageController
@IfBuildProperty(name = RmqTopologyProfile.PROBE_SWITCH, stringValue = "true")
public class RmqTopologyProbe {

  static final String EXACT = "rmqprobe.exact.temp";
  static final String ONE_WORD = "rmqprobe.*.temp";
  static final String ANY_WORDS = "rmqprobe.#";
  static final String EVENTS = "rmqevents.*";

  /** The events {@link #event} took: pattern and data. */
  static final Map<String, Object> EVENTS_SEEN = new ConcurrentHashMap<>();

  @EventPattern(EVENTS)
  public void event(Object data, MessageContext context) {
    EVENTS_SEEN.put(context.pattern(), data);
  }

  @NonBlockingHandler
  @MessagePattern(EXACT)
  public Map<String, Object> exact(Object data, MessageContext context) {
    return answer(EXACT, context);
  }

  @NonBlockingHandler
  @MessagePattern(ONE_WORD)
  public Map<String, Object> oneWord(Object data, MessageContext context) {
    return answer(ONE_WORD, context);
  }

  @NonBlockingHandler
  @MessagePattern(ANY_WORDS)
  public Map<String, Object> anyWords(Object data, MessageContext context) {
    return answer(ANY_WORDS, context);
  }

  private static Map<String, Object> answer(String handler, MessageContext context) {
    return Map.of("handler", handler, "pattern", context.pattern(), "exchange", context.detail("exchange").orElse(""),
        "routingKey", context.detail("routingKey").orElse(""));
  }
}
