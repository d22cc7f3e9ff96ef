package org.acme.gateway.heroes;

/** A hero as the gateway's JSON shows it; the protobuf message stays behind the client. */
public record Hero(int id, String name) {

  static Hero from(org.acme.contracts.hero.Hero message) {
    return new Hero(message.getId(), message.getName());
  }
}
