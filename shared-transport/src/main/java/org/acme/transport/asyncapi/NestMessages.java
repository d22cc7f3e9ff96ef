package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.acme.transport.codec.NestError;

/**
 * The AsyncAPI messages of Nest's packets (wire doc §1): a request {pattern, data, id}, an event {pattern, data}, a
 * reply {response, isDisposed, id} or {err, isDisposed, id}; on Kafka the data alone, with the kafka_* headers.
 */
final class NestMessages {

  /** The name of the error shape in {@code components.schemas}: the record's, as the payload scanner names it. */
  static final String ERROR = NestError.class.getSimpleName();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NestMessages() {
  }

  static ObjectNode request(Wire wire, JsonNode pattern, JsonNode data) {
    if (!wire.enveloped()) {
      ObjectNode message = message("request", "The record value is the data.", data);
      message.set("headers", kafkaHeaders(true, "kafka_correlationId", "kafka_replyTopic", "kafka_replyPartition"));
      message.set("correlationId", NODES.objectNode().put("location", "$message.header#/kafka_correlationId"));
      return message;
    }
    ObjectNode message = message("request", "Nest's request packet.", envelope(pattern, data, true));
    message.set("correlationId", NODES.objectNode().put("location", "$message.payload#/id"));
    return message;
  }

  static ObjectNode event(Wire wire, JsonNode pattern, JsonNode data) {
    return wire.enveloped() ? message("event", "Nest's event packet: no id, no reply.", envelope(pattern, data, false))
        : message("event", "The record value is the data; no correlation headers, no reply.", data);
  }

  /** A request's replies: one answer (stream: several, the last one disposed), or one error. */
  static ObjectNode reply(Wire wire, Optional<JsonNode> result, boolean stream) {
    String how = stream ? "One reply per value; the last has isDisposed." : "One reply, disposed.";
    if (!wire.enveloped()) {
      ObjectNode value = result.map(JsonNode::deepCopy).map(ObjectNode.class::cast).orElseGet(() -> object("no value"));
      ObjectNode message = message("reply", how + " The value is the answer (null on an error, which travels in kafka_nest-err).", value);
      message.set("headers", kafkaHeaders(false, "kafka_correlationId", "kafka_nest-is-disposed", "kafka_nest-err"));
      message.set("correlationId", NODES.objectNode().put("location", "$message.header#/kafka_correlationId"));
      return message;
    }
    ObjectNode answer = object("An answer.");
    result.ifPresent(schema -> properties(answer).set("response", schema));
    properties(answer).set("isDisposed", NODES.objectNode().put("type", "boolean"));
    ObjectNode failed = object("A failure.");
    properties(failed).set("err", NODES.objectNode().put("$ref", "#/components/schemas/" + ERROR));
    properties(failed).set("isDisposed", NODES.objectNode().put("const", true));
    required(failed, "err", "isDisposed");
    if (wire.replyId()) {
      for (ObjectNode packet : new ObjectNode[] {answer, failed}) {
        properties(packet).set("id", NODES.objectNode().put("description", "the request's id"));
        required(packet, "id");
      }
    }
    ObjectNode payload = NODES.objectNode();
    payload.putArray("oneOf").add(answer).add(failed);
    ObjectNode message = message("reply", how, payload);
    if (wire.replyId()) {
      message.set("correlationId", NODES.objectNode().put("location", "$message.payload#/id"));
    }
    return message;
  }

  private static ObjectNode envelope(JsonNode pattern, JsonNode data, boolean request) {
    ObjectNode packet = object(null);
    properties(packet).set("pattern", NODES.objectNode().put("description",
        "the pattern; a peer may send an object pattern with its keys in any order, or as its JSON text").set("const", pattern));
    properties(packet).set("data", data);
    if (request) {
      properties(packet).set("id", NODES.objectNode().put("type", "string").put("description", "chosen by the caller, echoed in the replies"));
    }
    properties(packet).set("metadata", NODES.objectNode().put("type", "object").put("description", "Nest 12's packet metadata")
        .set("additionalProperties", NODES.objectNode().put("type", "string")));
    required(packet, request ? new String[] {"pattern", "data", "id"} : new String[] {"pattern", "data"});
    return packet;
  }

  private static ObjectNode kafkaHeaders(boolean request, String... names) {
    ObjectNode headers = object(null);
    for (String name : names) {
      properties(headers).set(name, NODES.objectNode().put("type", "string"));
    }
    if (request) {
      required(headers, "kafka_correlationId", "kafka_replyTopic");
    } else {
      required(headers, "kafka_correlationId");
    }
    return headers;
  }

  private static ObjectNode message(String name, String summary, JsonNode payload) {
    ObjectNode message = NODES.objectNode().put("name", name).put("summary", summary).put("contentType", "application/json");
    message.set("payload", payload);
    return message;
  }

  private static ObjectNode object(String description) {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    if (description != null) {
      schema.put("description", description);
    }
    schema.putObject("properties");
    return schema;
  }

  private static ObjectNode properties(ObjectNode schema) {
    return (ObjectNode) schema.get("properties");
  }

  private static void required(ObjectNode schema, String... names) {
    ArrayNode required = schema.withArray("required");
    for (String name : names) {
      required.add(name);
    }
  }
}
