package org.acme.transport.asyncapi;

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
 */
record Wire(String transport, String protocol, String host, Optional<String> pathname, String about, Predicate<String> serves,
    Function<String, Optional<String>> address, Function<String, Optional<String>> reply, String replyAbout, boolean enveloped,
    boolean replyId) {
}
