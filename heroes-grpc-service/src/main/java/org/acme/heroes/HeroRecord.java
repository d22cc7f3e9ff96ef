package org.acme.heroes;

import org.acme.contracts.hero.Hero;

/**
 * A hero as the heroes file describes it. The wire type is the generated {@link Hero}; this record keeps the
 * file format (JSON) apart from the contract (protobuf), so either can change without the other.
 */
public record HeroRecord(int id, String name) {

  /** The message {@code hero.Hero} that goes on the wire. */
  public Hero toMessage() {
    return Hero.newBuilder().setId(id).setName(name).build();
  }
}
