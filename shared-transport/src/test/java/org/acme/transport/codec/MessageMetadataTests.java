package org.acme.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata grammar and limits, the same for every transport. */
class MessageMetadataTests {

  private static final MessageMetadata.Limits LIMITS = new MessageMetadata.Limits(3, 40);

  @Test
  void readsAnObjectOfStrings() {
    assertThat(MessageMetadata.fromJson(NestCodec.parse("{\"traceparent\":\"00-abc-01\",\"X-Tenant\":\"acme co\"}"), LIMITS))
        .containsExactly(Map.entry("traceparent", "00-abc-01"), Map.entry("X-Tenant", "acme co"));
    assertThat(MessageMetadata.fromJson(null, LIMITS)).isEmpty();
    assertThat(MessageMetadata.fromJson(NestCodec.parse("null"), LIMITS)).isEmpty();
  }

  @Test
  void refusesWhatIsNotAMapOfStrings() {
    assertThatThrownBy(() -> MessageMetadata.fromJson(NestCodec.parse("[\"a\"]"), LIMITS))
        .isInstanceOf(InvalidMetadataException.class).hasMessage("metadata must be an object of strings, got array");
    assertThatThrownBy(() -> MessageMetadata.fromJson(NestCodec.parse("{\"a\":{\"b\":\"c\"}}"), LIMITS))
        .hasMessage("metadata 'a' is object; values are strings");
    assertThatThrownBy(() -> MessageMetadata.fromJson(NestCodec.parse("{\"a\":null}"), LIMITS))
        .hasMessage("metadata 'a' is null; values are strings");
  }

  @Test
  void keysAreHttpTokensAndValuesPrintableAscii() {
    MessageMetadata.checkEntry("x-b3_span.id!#$%&'*+^`|~", "printable ascii, spaces included ~");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("a:b", "v")).hasMessageContaining("has the character ':'");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("", "v")).hasMessageContaining("1 to 128 characters");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("k".repeat(129), "v")).hasMessageContaining("1 to 128 characters");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("k", "caf\u00e9")).hasMessageContaining("U+00E9");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("k", "tab\there")).hasMessageContaining("U+0009");
    assertThatThrownBy(() -> MessageMetadata.checkEntry("k\u00e9", "v")).hasMessageContaining("U+00E9");
  }

  @Test
  void countsEntriesAndCharacters() {
    assertThatThrownBy(() -> MessageMetadata.fromJson(NestCodec.parse("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}"), LIMITS))
        .hasMessage("metadata has 4 entries, over the limit of 3 (nest.server.metadata.max-entries)");
    assertThatThrownBy(() -> MessageMetadata.check(Map.of("k", "v".repeat(40)), LIMITS))
        .hasMessage("metadata has 41 characters, over the limit of 40 (nest.server.metadata.max-size)");
  }

  @Test
  void mergesHeadersAndThePacketsFieldWhichWins() {
    Map<String, String> headers = new LinkedHashMap<>(Map.of("a", "header"));
    assertThat(MessageMetadata.merge(headers, Map.of("a", "packet", "b", "2"), LIMITS)).containsEntry("a", "packet").containsEntry("b", "2");
    assertThatThrownBy(() -> MessageMetadata.merge(Map.of("a", "1", "b", "2"), Map.of("c", "3", "d", "4"), LIMITS))
        .hasMessageContaining("4 entries");
  }
}
