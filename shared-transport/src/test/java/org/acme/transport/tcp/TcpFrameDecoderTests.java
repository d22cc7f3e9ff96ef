package org.acme.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.acme.transport.codec.MalformedPacketException;
import org.junit.jupiter.api.Test;

/** Nest TCP framing: the length counts UTF-16 code units, frames split and pipelined anyhow. */
class TcpFrameDecoderTests {

  private final TcpFrameDecoder decoder = new TcpFrameDecoder(1_000);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheCapturedFrame() {
    String frame = "69#{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,3],\"id\":\"7848b1b0ca551f0eda904\"}";
    assertThat(decoder.feed(utf8(frame))).containsExactly(frame.substring(3));
  }

  @Test
  void countsCodeUnitsNotBytes() {
    String json = "{\"response\":\"x€😀\",\"isDisposed\":true,\"id\":\"abc\"}";
    String frame = TcpFrameDecoder.frame(json);
    // € is 3 bytes and one unit, 😀 is 4 bytes and two units (a surrogate pair): JavaScript counts the units
    assertThat(frame).startsWith(json.length() + "#");
    assertThat(utf8(json).length).isEqualTo(json.length() + 4);
    assertThat(decoder.feed(utf8(frame))).containsExactly(json);
  }

  @Test
  void assemblesAFrameSplitAnywhere() {
    byte[] bytes = utf8(TcpFrameDecoder.frame("{\"a\":\"€😀é\"}"));
    for (int cut = 1; cut < bytes.length; cut++) {
      TcpFrameDecoder fresh = new TcpFrameDecoder(1_000);
      List<String> frames = new ArrayList<>(fresh.feed(java.util.Arrays.copyOfRange(bytes, 0, cut)));
      assertThat(fresh.midFrame()).isTrue();
      frames.addAll(fresh.feed(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
      assertThat(frames).as("cut at %d", cut).containsExactly("{\"a\":\"€😀é\"}");
      assertThat(fresh.midFrame()).isFalse();
    }
  }

  @Test
  void readsPipelinedFrames() {
    String two = TcpFrameDecoder.frame("{\"n\":1}") + TcpFrameDecoder.frame("{\"n\":2}") + "7#{\"n\"";
    assertThat(decoder.feed(utf8(two))).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(decoder.feed(utf8(":3}"))).containsExactly("{\"n\":3}");
  }

  @Test
  void refusesACorruptLength() {
    assertThatThrownBy(() -> decoder.feed(utf8("abc#{}"))).isInstanceOf(MalformedPacketException.class).hasMessageContaining("corrupted");
    assertThatThrownBy(() -> new TcpFrameDecoder(1_000).feed(utf8("GET / HTTP/1.1\r\n"))).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void refusesAnOversizeLengthWithoutAllocating() {
    assertThatThrownBy(() -> decoder.feed(utf8("2000000000#{")))
        .isInstanceOf(MalformedPacketException.class).hasMessageContaining("exceeds the maximum of 1000");
  }

  @Test
  void readsAnEmptyFrame() {
    assertThat(decoder.feed(utf8("0#"))).containsExactly("");
  }
}
