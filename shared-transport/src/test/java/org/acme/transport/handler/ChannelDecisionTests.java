package org.acme.transport.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Supplier;
import org.acme.transport.codec.ChannelMessage;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.ChannelDecision.Answer;
import org.acme.transport.handler.ChannelDecision.Drop;
import org.acme.transport.handler.ChannelDecision.Reject;
import org.acme.transport.handler.ChannelDecision.RunEvent;
import org.acme.transport.handler.ChannelDelivery.Reach;
import org.junit.jupiter.api.Test;

/**
 * The channel transports' decision table, fast: what a message gets by what it is, where a reply reaches and whether
 * its route has an event handler. The real thing per transport, with brokers, is math-service's Math*BadInputTests.
 */
class ChannelDecisionTests {

  private static final MessageMetadata.Limits LIMITS = MessageMetadata.Limits.DEFAULT;
  private static final String REQUEST = "{\"pattern\":\"p\",\"data\":[1],\"metadata\":{\"a\":\"packet\"},\"id\":\"r1\"}";
  private static final String EVENT = "{\"pattern\":\"p\",\"data\":{\"x\":1}}";
  private static final String NOT_JSON = "{\"pattern\":\"p\",\"data\":";

  /** Our seam, as a transport would implement it: only its reach and its own metadata matter to the decision. */
  private record Delivery(Reach reach, Supplier<Map<String, String>> headers) implements ChannelDelivery {

    Delivery(Reach reach) {
      this(reach, Map::of);
    }

    @Override
    public String route() {
      return "p";
    }

    @Override
    public String label() {
      return "test p";
    }

    @Override
    public Map<String, String> metadata() {
      return headers.get();
    }

    @Override
    public MessageContext context(Map<String, String> metadata, JsonNode id) {
      throw new UnsupportedOperationException("not part of the decision");
    }

    @Override
    public void replyNow(OutgoingPacket packet, JsonNode id) {
      throw new UnsupportedOperationException("not part of the decision");
    }

    @Override
    public Uni<?> reply(OutgoingPacket packet, JsonNode id) {
      throw new UnsupportedOperationException("not part of the decision");
    }
  }

  private static ChannelDecision decide(String text, Reach reach, boolean eventHandler) {
    return decide(text, new Delivery(reach), eventHandler);
  }

  private static ChannelDecision decide(String text, Delivery delivery, boolean eventHandler) {
    return ChannelDecision.decide(ChannelMessage.read(text, LIMITS), delivery, eventHandler, LIMITS);
  }

  private static Supplier<Map<String, String>> badHeaders() {
    return () -> {
      throw new InvalidMetadataException("metadata has 65 entries, over the limit of 64 (nest.server.metadata.max-entries)");
    };
  }

  @Test
  void aRequestIsAnsweredWhereverItsReplyGoesWithItsMetadataOverTheTransports() {
    for (Reach reach : Reach.values()) {
      Answer answer = (Answer) decide(REQUEST, new Delivery(reach, () -> Map.of("a", "header", "b", "header")), false);
      assertThat(answer.id().asText()).isEqualTo("r1");
      assertThat(answer.data().toString()).isEqualTo("[1]");
      assertThat(answer.metadata()).as("the packet's entry wins").containsOnly(Map.entry("a", "packet"), Map.entry("b", "header"));
    }
  }

  @Test
  void aRequestWithBadTransportMetadataIsRefusedByItsIdOrDroppedWhenNothingCanReachItsSender() {
    Reject reject = (Reject) decide(REQUEST, new Delivery(Reach.SENDER, badHeaders()), false);
    assertThat(reject.id().asText()).isEqualTo("r1");
    assertThat(reject.reason()).isEqualTo("metadata has 65 entries, over the limit of 64 (nest.server.metadata.max-entries)");
    assertThat(decide(REQUEST, new Delivery(Reach.NOWHERE, badHeaders()), false)).isInstanceOf(Drop.class);
  }

  @Test
  void aBadRequestIsRefusedByItsIdWithTheReasonAlone() {
    for (Reach reach : new Reach[] {Reach.BY_ID, Reach.SENDER}) {
      Reject reject = (Reject) decide("{\"data\":1,\"id\":7}", reach, false);
      assertThat(reject.id().asInt()).isEqualTo(7);
      assertThat(reject.reason()).isEqualTo("a request must be {pattern, data, id}; this one has no pattern");
    }
    assertThat(((Drop) decide("{\"data\":1,\"id\":7}", Reach.NOWHERE, false)).why()).startsWith("request 7: a request must be");
  }

  @Test
  void whatCannotBeReadIsAnsweredOnlyWhereAReplyReachesTheSenderWithoutAnId() {
    Reject reject = (Reject) decide(NOT_JSON, Reach.SENDER, false);
    assertThat(reject.id()).isNull();
    assertThat(reject.reason()).contains("not valid JSON");
    for (Reach reach : new Reach[] {Reach.BY_ID, Reach.NOWHERE}) {
      assertThat(((Drop) decide(NOT_JSON, reach, false)).why()).startsWith("dropping a message nobody can answer (the packet is not valid JSON");
    }
  }

  @Test
  void anEventWithBadPacketMetadataIsUnreadable() {
    String event = "{\"pattern\":\"p\",\"data\":1,\"metadata\":[\"x\"]}";
    assertThat(((Drop) decide(event, Reach.BY_ID, true)).why())
        .isEqualTo("dropping a message nobody can answer (metadata must be an object of strings, got array)");
    assertThat(((Reject) decide(event, Reach.SENDER, true)).reason()).isEqualTo("metadata must be an object of strings, got array");
  }

  @Test
  void anEventWithBadTransportMetadataIsUnreadableToo() {
    assertThat(decide(EVENT, new Delivery(Reach.SENDER, badHeaders()), true)).isInstanceOf(Reject.class);
    assertThat(((Drop) decide(EVENT, new Delivery(Reach.NOWHERE, badHeaders()), true)).why()).startsWith("dropping a message nobody can answer");
  }

  @Test
  void anEventWithoutAnEventHandlerIsToldItIsNoRequestWhereItCanBeElseDropped() {
    Reject reject = (Reject) decide(EVENT, Reach.SENDER, false);
    assertThat(reject.id()).isNull();
    assertThat(reject.reason()).isEqualTo(ChannelDecision.NOT_A_REQUEST);
    for (Reach reach : new Reach[] {Reach.BY_ID, Reach.NOWHERE}) {
      assertThat(((Drop) decide(EVENT, reach, false)).why()).startsWith("dropping a message without an id");
    }
  }

  @Test
  void anEventOnARouteWithAnEventHandlerRunsWhereverItsReplyWouldGo() {
    for (Reach reach : Reach.values()) {
      RunEvent event = (RunEvent) decide(EVENT, new Delivery(reach, () -> Map.of("h", "1")), true);
      assertThat(event.data().toString()).isEqualTo("{\"x\":1}");
      assertThat(event.metadata()).containsExactly(Map.entry("h", "1"));
      assertThat(((RunEvent) decide("[1,2]", reach, true)).data().toString()).as("bare JSON from a foreign publisher").isEqualTo("[1,2]");
    }
  }
}
