package org.acme.transport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brokers' access policies of {@code scripts/access} (the committed files the compose images apply), for tests
 * that start a broker with them and show who is refused: one user per service, a password each, made now.
 */
public final class AccessPolicies {

  /**
   * Every service of services.txt (the one list: a service's broker user is named after it, and ./dev new-service adds
   * both) and the operators' user, so that a policy naming a new service's password still starts here.
   */
  public static final List<String> USERS = users();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)}");

  private final Map<String, String> passwords = new LinkedHashMap<>();

  public AccessPolicies() {
    USERS.forEach(user -> passwords.put(user, "pw-" + UUID.randomUUID()));
  }

  private static List<String> users() {
    try {
      List<String> users = new java.util.ArrayList<>(Files.readAllLines(NestPeers.repoRoot().resolve("services.txt")).stream()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.split("\\s+")[0]).toList());
      users.add("admin");
      return List.copyOf(users);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A policy file of {@code scripts/access}. */
  public static Path file(String name) {
    return NestPeers.repoRoot().resolve("scripts/access").resolve(name);
  }

  /** The environment variable that holds a user's password: ORDER_SERVICE_BROKER_PASSWORD, BROKER_ADMIN_PASSWORD. */
  public static String passwordVariable(String user) {
    return user.equals("admin") ? "BROKER_ADMIN_PASSWORD" : user.toUpperCase(Locale.ROOT).replace('-', '_') + "_BROKER_PASSWORD";
  }

  public String password(String user) {
    return passwords.get(user);
  }

  /** Every password under its variable's name, as the compose images find them in their environment. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    passwords.forEach((user, password) -> environment.put(passwordVariable(user), password));
    return environment;
  }

  /** A policy file with each {@code ${NAME}} replaced by that variable's value, as the compose images do. */
  public String render(String name) {
    try {
      Matcher matcher = VARIABLE.matcher(Files.readString(file(name)));
      Map<String, String> environment = environment();
      return matcher.replaceAll(found -> Matcher.quoteReplacement(environment.getOrDefault(found.group(1), "")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A policy's lines without comments and blank lines. */
  public static List<String> rules(String name) {
    try {
      return Files.readAllLines(file(name)).stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
