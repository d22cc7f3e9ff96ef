package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One route on one transport: its channel (the request or event address), for a request a reply channel, and the
 * {@code receive} operation that ties them. An address that cannot be named (TCP's connection, an inbox, a reply-to
 * queue) is {@code null}, AsyncAPI's "known only at run time", with the description saying what it is.
 */
final class ChannelWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Wire wire;
  private final ObjectNode channels;
  private final ObjectNode operations;

  ChannelWriter(Wire wire, ObjectNode channels, ObjectNode operations) {
    this.wire = wire;
    this.channels = channels;
    this.operations = operations;
  }

  void write(Route route, String id, JsonNode data, Optional<JsonNode> result) {
    String kind = route.event() ? "event" : "request";
    ObjectNode channel = channel(id, wire.address().apply(route.route()), route.route() + " over " + wire.transport());
    channel.put("description", wire.about());
    channel.putObject("messages").set(kind, route.event() ? NestMessages.event(wire, route.pattern(), data)
        : NestMessages.request(wire, route.pattern(), data));
    ObjectNode operation = operations.putObject(id).put("action", "receive").put("title", route.route())
        .put("summary", (route.event() ? "Event handled by " : "Request answered by ") + route.handler());
    operation.putObject("channel").put("$ref", "#/channels/" + id);
    operation.putArray("messages").addObject().put("$ref", "#/channels/" + id + "/messages/" + kind);
    operation.put("x-nest-pattern", route.route()).put("x-nest-kind", kind);
    if (!wire.bindings().channel().isEmpty()) {
      channel.set("bindings", wire.bindings().channel());
    }
    if (!wire.bindings().operation().isEmpty()) {
      operation.set("bindings", wire.bindings().operation());
    }
    if (!route.event()) {
      String replyId = id + "_reply";
      ObjectNode reply = channel(replyId, wire.reply().apply(route.route()), route.route() + " replies over " + wire.transport());
      reply.put("description", "Replies go to " + wire.replyAbout() + ".");
      reply.putObject("messages").set("reply", NestMessages.reply(wire, result, route.stream()));
      ObjectNode replies = operation.putObject("reply");
      replies.putObject("channel").put("$ref", "#/channels/" + replyId);
      replies.putArray("messages").addObject().put("$ref", "#/channels/" + replyId + "/messages/reply");
    }
  }

  private ObjectNode channel(String id, Optional<String> address, String title) {
    ObjectNode channel = channels.putObject(id);
    channel.set("address", address.<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
    channel.put("title", title);
    channel.putArray("servers").addObject().put("$ref", "#/servers/" + wire.transport());
    return channel;
  }
}
