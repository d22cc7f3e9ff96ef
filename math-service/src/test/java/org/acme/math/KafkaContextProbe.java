package org.acme.math;

import java.util.Map;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/** Test-only handler: answers with the Kafka facts a handler's context holds, the metadata beside them, and the data. */
@MessageController
public class KafkaContextProbe {

  @NonBlockingHandler
  @MessagePattern("kafka_context_probe")
  public Map<String, Object> probe(Object data, MessageContext context) {
    Map<String, Object> facts = new java.util.LinkedHashMap<>(context.details());
    facts.put("metadata", context.metadata());
    facts.put("data", data);
    return facts;
  }
}
