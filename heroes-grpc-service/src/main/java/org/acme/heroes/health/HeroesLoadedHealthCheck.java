package org.acme.heroes.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.acme.heroes.service.HeroService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the heroes are in memory and there is at least one to serve. The gRPC extension adds its own
 * readiness check ("gRPC Server") for the server itself; together they say "this instance can answer".
 */
@Readiness
@ApplicationScoped
public class HeroesLoadedHealthCheck implements HealthCheck {

  private final HeroService heroes;

  public HeroesLoadedHealthCheck(HeroService heroes) {
    this.heroes = heroes;
  }

  @Override
  public HealthCheckResponse call() {
    int count = heroes.findAll().size();
    return HealthCheckResponse.named("heroes")
        .status(count > 0)
        .withData("count", count)
        .withData("source", heroes.source())
        .build();
  }
}
