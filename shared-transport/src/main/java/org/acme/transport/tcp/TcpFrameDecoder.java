package org.acme.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.acme.transport.codec.MalformedPacketException;

/**
 * Splits a TCP byte stream into Nest frames, {@code <length>#<json>}, where the length counts UTF-16 code units
 * of the JSON text (JavaScript's {@code string.length}), not bytes. Bytes are UTF-8; a frame may arrive in any
 * number of pieces and several frames in one piece.
 * <p>
 * Unlike Nest's buffer-the-text approach, this counts code units straight off the bytes, so a 2 GB length
 * allocates nothing: it is refused as soon as it is read, against {@code maxFrameLength}.
 */
public final class TcpFrameDecoder {

  private static final int MAX_PREFIX_DIGITS = 10;

  private final int maxFrameLength;
  private static final int INITIAL = 4096;
  private static final int SHRINK_ABOVE = 64 * 1024;
  private byte[] buffer = new byte[INITIAL];
  private int start;
  private int end;
  private int expectedUnits = -1;
  /** Frames completed so far. */
  private long completed;
  /** How far the current frame body has been scanned, so a large frame in many pieces is scanned once. */
  private int scanned;
  private int unitsScanned;

  public TcpFrameDecoder(int maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
  }

  /** Feeds bytes and returns every frame they complete; throws on a corrupt or oversize length. */
  public List<String> feed(byte[] bytes) {
    append(bytes);
    List<String> frames = new ArrayList<>(1);
    while (true) {
      if (expectedUnits < 0 && !readLength()) {
        return frames;
      }
      int frameEnd = scanUnits();
      if (frameEnd < 0) {
        return frames;
      }
      frames.add(new String(buffer, start, frameEnd - start, StandardCharsets.UTF_8));
      start = frameEnd;
      expectedUnits = -1;
      completed++;
    }
  }

  /** How many frames this decoder has completed. */
  public long frames() {
    return completed;
  }

  /** Whether part of a frame is waiting for more bytes. */
  public boolean midFrame() {
    return end > start || expectedUnits >= 0;
  }

  private boolean readLength() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '#') {
        String prefix = new String(buffer, start, i - start, StandardCharsets.US_ASCII);
        expectedUnits = parseLength(prefix);
        start = i + 1;
        return true;
      }
      if (i - start >= MAX_PREFIX_DIGITS || !isLengthByte(buffer[i], i == start)) {
        throw new MalformedPacketException("corrupted packet length: the frame does not start with <length>#");
      }
    }
    return false;
  }

  private static boolean isLengthByte(byte b, boolean first) {
    return (b >= '0' && b <= '9') || (first && (b == '+' || b == '-' || b == ' '));
  }

  private int parseLength(String prefix) {
    long length;
    try {
      length = Long.parseLong(prefix.trim());
    } catch (NumberFormatException e) {
      throw new MalformedPacketException("corrupted packet length '" + prefix + "'");
    }
    if (length < 0) {
      throw new MalformedPacketException("corrupted packet length '" + prefix + "'");
    }
    if (length > maxFrameLength) {
      throw new MalformedPacketException("frame of " + length + " characters exceeds the maximum of " + maxFrameLength);
    }
    return (int) length;
  }

  /** The end offset of the frame body once {@code expectedUnits} code units are buffered, else -1. */
  private int scanUnits() {
    int units = unitsScanned;
    int i = start + scanned;
    while (units < expectedUnits) {
      int b = i < end ? buffer[i] & 0xff : 0;
      int size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (i + size > end) {
        scanned = i - start;
        unitsScanned = units;
        return -1;
      }
      units += size == 4 ? 2 : 1;
      i += size;
    }
    scanned = 0;
    unitsScanned = 0;
    return i;
  }

  private void append(byte[] bytes) {
    if (start > 0 && start == end) {
      start = end = 0;
      if (buffer.length > SHRINK_ABOVE) {
        // one large frame is no reason to keep its buffer for the life of the connection
        buffer = new byte[INITIAL];
      }
    }
    if (end + bytes.length > buffer.length) {
      int live = end - start;
      byte[] grown = live + bytes.length > buffer.length ? new byte[Math.max(buffer.length * 2, live + bytes.length)] : buffer;
      System.arraycopy(buffer, start, grown, 0, live);
      buffer = grown;
      start = 0;
      end = live;
    }
    System.arraycopy(bytes, 0, buffer, end, bytes.length);
    end += bytes.length;
  }

  /** {@code <utf16 length>#<json>}. */
  public static String frame(String json) {
    return json.length() + "#" + json;
  }
}
