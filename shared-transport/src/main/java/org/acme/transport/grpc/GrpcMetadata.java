package org.acme.transport.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.acme.transport.codec.MessageMetadata;

/**
 * Message metadata on gRPC, where it is the call's own metadata (request headers), as a Nest gRPC handler reads it
 * ({@code (data, metadata, call)}) and a Nest client sends it ({@code service.findOne(data, metadata)}). gRPC keys are
 * lower case, so keys travel lower-cased. The headers gRPC and HTTP/2 use for themselves ({@code grpc-*},
 * {@code content-type}, {@code te}, {@code user-agent}, ...) and binary ({@code -bin}) entries are not metadata.
 */
public final class GrpcMetadata {

  static final Context.Key<Map<String, String>> CURRENT = Context.key("nest-message-metadata");
  private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "te", "user-agent", "accept-encoding", "content-encoding",
      "host");

  private GrpcMetadata() {
  }

  /** The metadata of the gRPC call being handled on this thread (empty outside one). */
  public static Map<String, String> current() {
    Map<String, String> metadata = CURRENT.get();
    return metadata == null ? Map.of() : metadata;
  }

  /** The stub, sending the metadata with each of its calls. */
  public static <S extends AbstractStub<S>> S attach(S stub, Map<String, String> metadata) {
    return metadata.isEmpty() ? stub : stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(toGrpc(metadata)));
  }

  static Metadata toGrpc(Map<String, String> metadata) {
    Metadata headers = new Metadata();
    metadata.forEach((key, value) -> {
      MessageMetadata.checkEntry(key, value);
      headers.put(Metadata.Key.of(key.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), value);
    });
    return headers;
  }

  /** A call's headers as metadata (the last value of a repeated key), checked against the limits. */
  static Map<String, String> fromGrpc(Metadata headers, MessageMetadata.Limits limits) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key : headers.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) || key.startsWith("grpc-") || key.startsWith(":") || TRANSPORT_HEADERS.contains(key)) {
        continue;
      }
      if (metadata.size() >= limits.maxEntries()) {
        throw MessageMetadata.tooManyEntries("more than " + limits.maxEntries(), limits);
      }
      String value = null;
      for (String each : headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
        value = each;
      }
      metadata.put(key, value == null ? "" : value);
    }
    return MessageMetadata.check(metadata, limits);
  }
}
