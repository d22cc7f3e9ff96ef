package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.AsyncApiContract;
import org.junit.jupiter.api.Test;

/** inventory-service's /q/asyncapi: its four NATS request patterns, valid to the AsyncAPI parser. */
@QuarkusTest
class InventoryAsyncApiTests implements AsyncApiContract {

  /** reserve_items carries a list of OrderItem records: a named schema of shared-contracts, which the payload refers to. */
  @Test
  void nestedRecordsAreNamedSchemas() {
    JsonNode doc = AsyncApiContract.document();
    JsonNode data = doc.at("/channels/nats_reserve_items/messages/request/payload/properties/data");
    assertThat(data.at("/properties/items/items/$ref").asText()).isEqualTo("#/components/schemas/OrderItem");
    assertThat(doc.at("/components/schemas/OrderItem/properties/sku/type").asText()).isEqualTo("string");
    assertThat(data.at("/required").toString()).contains("orderId", "items");
  }
}
