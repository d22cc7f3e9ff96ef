package org.acme.inventory.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Seeds the catalogue at start-up, in the background: a Redis that is still down does not stop the service from
 * starting (readiness says it is not ready), and seeding goes on trying until Redis answers. Requests that arrive
 * first seed on their own, see {@link InventoryService}.
 */
@Singleton
public class StockSeeder {

  private final InventoryService inventory;

  StockSeeder(InventoryService inventory) {
    this.inventory = inventory;
  }

  void onStart(@Observes StartupEvent event) {
    inventory.seed()
        .onFailure().invoke(e -> Log.warnf("Inventory: cannot seed the catalogue yet, retrying: %s", e.toString()))
        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
        .subscribe().with(done -> { }, e -> Log.errorf(e, "Inventory: seeding stopped"));
  }
}
