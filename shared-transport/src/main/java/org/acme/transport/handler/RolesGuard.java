package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The guard behind {@link Roles}: made by the router for each annotated handler (not a bean), so the roles are the
 * annotation's. It trusts the caller metadata as far as the brokers it crossed are trusted: only services may publish
 * on them (see the README's Security section).
 */
final class RolesGuard implements Guard {

  private final Set<String> roles;

  RolesGuard(Roles roles) {
    this.roles = Set.copyOf(List.of(roles.value()));
  }

  @Override
  public boolean canActivate(JsonNode data, MessageContext context) {
    return context.caller().map(caller -> roles.stream().anyMatch(caller::hasRole)).orElse(false);
  }
}
