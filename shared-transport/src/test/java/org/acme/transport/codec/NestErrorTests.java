package org.acme.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.acme.transport.client.RemoteException;
import org.junit.jupiter.api.Test;

/** The error envelope goes out as the hand-built maps did (fields, order, no nulls) and is read back typed. */
class NestErrorTests {

  private final ObjectMapper json = new ObjectMapper();

  private String write(NestError error) throws Exception {
    return json.writeValueAsString(error);
  }

  @Test
  void writesEachShapeWithOnlyItsFieldsInAFixedOrder() throws Exception {
    assertThat(write(NestError.of("Forbidden resource"))).isEqualTo("{\"status\":\"error\",\"message\":\"Forbidden resource\"}");
    assertThat(write(NestError.of(400, "bad"))).isEqualTo("{\"status\":\"error\",\"statusCode\":400,\"message\":\"bad\"}");
    assertThat(write(NestError.rejection("INSUFFICIENT_STOCK", 409, "short").with("sku", "A").with("available", 2)))
        .isEqualTo("{\"status\":\"error\",\"code\":\"INSUFFICIENT_STOCK\",\"statusCode\":409,\"message\":\"short\",\"sku\":\"A\",\"available\":2}");
    assertThat(write(NestError.invalid("Validation failed", List.of(new NestError.FieldError("items", "must not be empty")))))
        .isEqualTo("{\"status\":\"error\",\"statusCode\":400,\"message\":\"Validation failed\","
            + "\"errors\":[{\"field\":\"items\",\"message\":\"must not be empty\"}]}");
    assertThat(write(NestError.invalid("Invalid payload: data is required", List.of())))
        .isEqualTo("{\"status\":\"error\",\"statusCode\":400,\"message\":\"Invalid payload: data is required\",\"errors\":[]}");
  }

  @Test
  void aClientReadsTheTypedFieldsOfWhatAServerSent() throws Exception {
    RemoteException remote = new RemoteException(json.readTree(write(
        NestError.invalid("Validation failed", List.of(new NestError.FieldError("a", "must be a number"))))));
    assertThat(remote.statusCode()).hasValue(400);
    assertThat(remote.code()).isEmpty();
    assertThat(remote.message()).hasValue("Validation failed");
    assertThat(remote.errors()).containsExactly(new NestError.FieldError("a", "must be a number"));

    RemoteException rejected = new RemoteException(json.readTree(write(NestError.rejection("UNKNOWN_SKU", 404, "no"))));
    assertThat(rejected.code()).hasValue("UNKNOWN_SKU");
    assertThat(rejected.statusCode()).hasValue(404);
  }

  @Test
  void aStringOrAForeignShapeHasNoTypedFields() throws Exception {
    RemoteException text = new RemoteException(json.readTree("\"There is no matching message handler defined in the remote service.\""));
    assertThat(text.statusCode()).isEmpty();
    assertThat(text.message()).isEmpty();
    assertThat(text.errors()).isEmpty();
    RemoteException filtered = new RemoteException(json.readTree("{\"error\":\"Data is required\",\"statusCode\":\"400\"}"));
    assertThat(filtered.statusCode()).as("a statusCode that is not a number is none").isEmpty();
    assertThat(filtered.getMessage()).isEqualTo("Data is required");
  }

  @Test
  void onlyA4xxIsTheCallersMistake() {
    assertThat(NestError.of(400, "x").callersMistake()).isTrue();
    assertThat(NestError.of(499, "x").callersMistake()).isTrue();
    assertThat(NestError.of(500, "x").callersMistake()).isFalse();
    assertThat(NestError.of(399, "x").callersMistake()).isFalse();
    assertThat(NestError.of("x").callersMistake()).isFalse();
  }
}
