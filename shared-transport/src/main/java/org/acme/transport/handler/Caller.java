package org.acme.transport.handler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who a message is for: the authenticated caller at the edge (the gateway's JWT subject and groups), carried to every
 * service as message metadata ({@value #SUBJECT}, {@value #ROLES}), and read by a handler with
 * {@link MessageContext#caller()}. It is as trustworthy as the brokers it crossed: only services may publish on them.
 *
 * @param subject the token's subject, e.g. a customer id
 * @param roles the token's groups
 */
public record Caller(String subject, Set<String> roles) {

  /** Metadata key of the caller's subject. */
  public static final String SUBJECT = "x-caller";
  /** Metadata key of the caller's roles, comma-separated. */
  public static final String ROLES = "x-caller-roles";

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** As message metadata, to pass on. */
  public Map<String, String> metadata() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(SUBJECT, subject);
    if (!roles.isEmpty()) {
      entries.put(ROLES, roles.stream().sorted().collect(Collectors.joining(",")));
    }
    return entries;
  }

  /** The caller a message's metadata names, if any. */
  public static Optional<Caller> from(Map<String, String> metadata) {
    return Optional.ofNullable(metadata.get(SUBJECT)).filter(subject -> !subject.isBlank()).map(subject -> new Caller(subject,
        Arrays.stream(metadata.getOrDefault(ROLES, "").split(",")).map(String::strip).filter(role -> !role.isEmpty())
            .collect(Collectors.toSet())));
  }
}
