package org.acme.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** The envelopes, in Nest's key order, read regardless of order. */
class NestCodecTests {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void writesRequestsAndEventsAsNestDoes() {
    String request = NestCodec.writeRequest(PatternRoutes.asJson("{\"cmd\":\"sum\"}"), NestCodec.parse("[1,2,3]"), "7848b1b0ca551f0eda904");
    assertThat(request).isEqualTo("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,3],\"id\":\"7848b1b0ca551f0eda904\"}");
    assertThat(NestCodec.writeRequest(new TextNode("user_created"), NestCodec.parse("{\"userId\":\"1\"}"), null))
        .isEqualTo("{\"pattern\":\"user_created\",\"data\":{\"userId\":\"1\"}}");
  }

  /** Nest 12's dispatch hook adds the metadata before the id is assigned, so it stands between data and id. */
  @Test
  void writesMetadataWhereNest12PutsIt() {
    String request = NestCodec.writeRequest(new TextNode("sum"), NestCodec.parse("[1]"), java.util.Map.of("x-request-id", "r1"), "abc");
    assertThat(request).isEqualTo("{\"pattern\":\"sum\",\"data\":[1],\"metadata\":{\"x-request-id\":\"r1\"},\"id\":\"abc\"}");
    IncomingPacket packet = NestCodec.readIncoming(request, MessageMetadata.Limits.DEFAULT);
    assertThat(packet.metadata()).containsExactly(java.util.Map.entry("x-request-id", "r1"));
  }

  record Sum(int result) {
  }

  @Test
  void bindsATypedAnswerThatCarriesMoreThanTheClientKnows() {
    assertThat(NestCodec.json().convertValue(NestCodec.parse("{\"result\":6,\"addedLater\":true}"), Sum.class)).isEqualTo(new Sum(6));
  }

  @Test
  void keepsEveryDigitOfADecimal() {
    var amounts = NestCodec.json().convertValue(NestCodec.parse("[12345678901234567.89,0.1,59.90]"), java.math.BigDecimal[].class);
    assertThat(amounts).extracting(java.math.BigDecimal::toPlainString).containsExactly("12345678901234567.89", "0.1", "59.9");
    assertThat(NestCodec.json().valueToTree(new java.math.BigDecimal("3.0")).toString()).isEqualTo("3");
  }

  /** Found by the gateway fuzz: a sum of 260 went out as 2.6E+2, which JSON.stringify never writes and an int reader refuses. */
  @Test
  void writesDecimalsAsJavaScriptDoes() {
    var json = NestCodec.json();
    assertThat(json.valueToTree(new java.math.BigDecimal("-260")).toString()).isEqualTo("-260");
    assertThat(json.valueToTree(new java.math.BigDecimal("0.30")).toString()).isEqualTo("0.3");
    assertThat(json.valueToTree(new java.math.BigDecimal("0.00")).toString()).isEqualTo("0");
    assertThat(json.valueToTree(new java.math.BigDecimal("1E+20")).toString()).isEqualTo("100000000000000000000");
    assertThat(json.valueToTree(new java.math.BigDecimal("1E+21")).toString()).isEqualTo("1E+21");
    long started = System.nanoTime();
    assertThat(NestCodec.parse("[1e10000000]").get(0).toString()).as("not written out").isEqualTo("1E+10000000");
    // found by the fuzz: at the edges of an int's scale, stripping overflows, and so did counting the digits
    assertThat(NestCodec.parse("[1e2147483647,100e2147483647,1e-2147483647]").toString()).isEqualTo("[1E+2147483647,1.00E+2147483649,1E-2147483647]");
    assertThat(System.nanoTime() - started).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
  }

  /** An exponent beyond an int fails inside Jackson with a NumberFormatException: still just a packet that cannot be read. */
  @Test
  void anExponentNoDecimalCanHoldIsAMalformedPacket() {
    assertThatThrownBy(() -> NestCodec.parse("{\"data\":[1e999999999999999999],\"id\":\"x\"}"))
        .isInstanceOf(MalformedPacketException.class).hasMessageContaining("number out of range");
  }

  @Test
  void writesRepliesAsNestDoes() {
    assertThat(NestCodec.writeReply(OutgoingPacket.value(NODES.numberNode(6), true), new TextNode("a")))
        .isEqualTo("{\"response\":6,\"isDisposed\":true,\"id\":\"a\"}");
    assertThat(NestCodec.writeReply(OutgoingPacket.value(NODES.numberNode(1), false), new TextNode("a")))
        .isEqualTo("{\"response\":1,\"id\":\"a\"}");
    assertThat(NestCodec.writeReply(OutgoingPacket.end(), new TextNode("a"))).isEqualTo("{\"isDisposed\":true,\"id\":\"a\"}");
    assertThat(NestCodec.writeReply(OutgoingPacket.noHandler(new TextNode("none")), new TextNode("a")))
        .isEqualTo("{\"id\":\"a\",\"status\":\"error\",\"err\":\"none\"}");
    // RabbitMQ correlates by property, so its replies carry no id
    assertThat(NestCodec.writeReply(OutgoingPacket.value(NODES.numberNode(6), true), null)).isEqualTo("{\"response\":6,\"isDisposed\":true}");
  }

  @Test
  void readsIncomingInAnyKeyOrder() {
    IncomingPacket packet = NestCodec.readIncoming("{\"id\":7,\"data\":null,\"pattern\":{\"role\":\"math\",\"cmd\":\"sum\"}}", MessageMetadata.Limits.DEFAULT);
    assertThat(packet.isRequest()).isTrue();
    assertThat(packet.id().asInt()).isEqualTo(7);
    assertThat(packet.route()).isEqualTo("{\"cmd\":\"sum\",\"role\":\"math\"}");
    assertThat(NestCodec.readIncoming("{\"pattern\":\"user_created\",\"data\":{}}", MessageMetadata.Limits.DEFAULT).isRequest()).isFalse();
  }

  @Test
  void refusesWhatIsNotAPacket() {
    assertThatThrownBy(() -> NestCodec.readIncoming("{\"data\":1,\"id\":\"x\"}", MessageMetadata.Limits.DEFAULT)).hasMessageContaining("no pattern");
    assertThatThrownBy(() -> NestCodec.readIncoming("[1,2]", MessageMetadata.Limits.DEFAULT)).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> NestCodec.readIncoming("{oops", MessageMetadata.Limits.DEFAULT)).hasMessageContaining("not valid JSON");
  }

  @Test
  void treatsAForeignBodyAsAFinalResponse() {
    assertThat(NestCodec.readReply(NestCodec.parse("{\"total\":6}")).response().path("total").asInt()).isEqualTo(6);
    assertThat(NestCodec.readReply(NestCodec.parse("{\"err\":{\"message\":\"x\"},\"id\":\"a\"}")).isError()).isTrue();
    assertThat(NestCodec.readReply(NestCodec.parse("{\"response\":1,\"id\":\"a\"}")).disposed()).isFalse();
  }
}
