package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one enabled transport server does with a route, as Nest's transport of the same name does (wire doc §2-7):
 * where its requests arrive, where its replies go, and whether the Nest envelope is the body.
 *
 * @param transport this project's name of the transport: tcp, redis, nats, mqtt, rmq, kafka
 * @param protocol  the AsyncAPI protocol name of the server
 * @param host      host and port the server listens on, or the broker it is served through
 * @param pathname  the path of the server's address (RabbitMQ's virtual host), if any
 * @param about     what a reader of the document should know about the transport's wire
 * @param serves    whether a route is served on this transport at all (Kafka serves only legal topic names)
 * @param address   a route's request address; empty where there is none to name (TCP: the connection itself)
 * @param reply     a route's reply address; empty where it is the requester's own (an inbox, reply-to, the connection)
 * @param replyAbout where a reply goes, in words
 * @param enveloped whether the body is Nest's packet ({pattern, data, id}); Kafka's is the data, correlation in headers
 * @param replyId   whether a reply's body carries the request's id (RabbitMQ's correlate by the correlation_id property)
 * @param bindings  AsyncAPI's bindings of the transport: the queue, queue group, QoS or consumer group it is served with
 */
record Wire(String transport, String protocol, String host, Optional<String> pathname, String about, Predicate<String> serves,
    Function<String, Optional<String>> address, Function<String, Optional<String>> reply, String replyAbout, boolean enveloped,
    boolean replyId, Bindings bindings) {

  /** The {@code bindings} of a request or event channel and of its operation; empty objects where the transport has none. */
  record Bindings(ObjectNode channel, ObjectNode operation) {

    static Bindings none() {
      return new Bindings(JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());
    }

    /** The channel's binding for one protocol, at the binding schema's version. */
    static Bindings channel(String protocol, String version, ObjectNode binding) {
      Bindings bindings = none();
      bindings.channel.set(protocol, binding.put("bindingVersion", version));
      return bindings;
    }

    /** The operation's binding for one protocol, at the binding schema's version. */
    static Bindings operation(String protocol, String version, ObjectNode binding) {
      Bindings bindings = none();
      bindings.operation.set(protocol, binding.put("bindingVersion", version));
      return bindings;
    }
  }
}
