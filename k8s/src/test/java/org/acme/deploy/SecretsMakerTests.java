package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/docker/secrets/Secrets.java, the compose stack's one-shot secrets maker, run as its container runs it (the
 * JDK's source launcher here, compiled in the image there) on a directory laid out as docker-compose.yml mounts it.
 */
class SecretsMakerTests {

  @TempDir
  Path dir;

  @BeforeEach
  void volumes() throws IOException {
    for (String volume : List.of("store", "brokers", "services/api-gateway", "services/math-service", "services/order-service")) {
      Files.createDirectories(dir.resolve(volume));
    }
  }

  @Test
  void eachServiceGetsItsOwnPasswordAndOnlyWhatItIsGiven() throws Exception {
    run("init");
    Map<String, String> gateway = share("services/api-gateway");
    Map<String, String> math = share("services/math-service");
    Map<String, String> order = share("services/order-service");
    Map<String, String> brokers = share("brokers");

    assertThat(gateway).containsOnlyKeys("BROKER_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY");
    assertThat(math).containsOnlyKeys("BROKER_PASSWORD", "MATH_GUARD_SECRET");
    assertThat(order).containsOnlyKeys("BROKER_PASSWORD");
    assertThat(List.of(gateway.get("BROKER_PASSWORD"), math.get("BROKER_PASSWORD"), order.get("BROKER_PASSWORD"),
        brokers.get("BROKER_ADMIN_PASSWORD"), math.get("MATH_GUARD_SECRET"))).doesNotHaveDuplicates()
        .allMatch(v -> v.matches("pw[0-9a-f]{48}"), "a letter first, then 24 random bytes in hex");
    // the brokers: the admin and every service's password, under the names scripts/access reads
    assertThat(brokers).containsExactly(Map.entry("BROKER_ADMIN_PASSWORD", brokers.get("BROKER_ADMIN_PASSWORD")),
        Map.entry("API_GATEWAY_BROKER_PASSWORD", gateway.get("BROKER_PASSWORD")),
        Map.entry("MATH_SERVICE_BROKER_PASSWORD", math.get("BROKER_PASSWORD")),
        Map.entry("ORDER_SERVICE_BROKER_PASSWORD", order.get("BROKER_PASSWORD")));
    assertThat(run("secret", "MATH_GUARD_SECRET")).isEqualTo(math.get("MATH_GUARD_SECRET"));
  }

  /** A second `up` (or a restart of the stack) keeps every value: the brokers' volumes hold users made with them. */
  @Test
  void aSecondRunKeepsEveryValueAndAddsANewService() throws Exception {
    run("init");
    Map<String, String> before = share("brokers");
    String key = share("services/api-gateway").get("MP_JWT_VERIFY_PUBLICKEY");
    Files.createDirectories(dir.resolve("services/billing-service"));
    run("init");
    assertThat(share("brokers")).containsAllEntriesOf(before).containsKey("BILLING_SERVICE_BROKER_PASSWORD").hasSize(before.size() + 1);
    assertThat(share("services/api-gateway").get("MP_JWT_VERIFY_PUBLICKEY")).isEqualTo(key);
    assertThat(share("services/billing-service")).containsOnlyKeys("BROKER_PASSWORD");
  }

  /** `secrets token` signs what the gateway checks: RS256 with the key whose public half is the gateway's share. */
  @Test
  void aTokenIsSignedWithTheKeyTheGatewayTrusts() throws Exception {
    run("init");
    String[] token = run("token", "grace", "customer,admin").split("\\.");
    assertThat(token).hasSize(3);
    byte[] publicKey = Base64.getDecoder().decode(share("services/api-gateway").get("MP_JWT_VERIFY_PUBLICKEY"));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey)));
    rs256.update((token[0] + "." + token[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(token[2]))).as("signature").isTrue();
    String claims = new String(Base64.getUrlDecoder().decode(token[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"iss\":\"nest-quarkus-dev\"", "\"sub\":\"grace\"", "\"upn\":\"grace\"",
        "\"groups\":[\"customer\",\"admin\"]", "\"exp\":");
    assertThat(runFailing("token", "grace\"}")).contains("a subject is");
  }

  @Test
  void nothingItPrintsIsASecret() throws Exception {
    String out = run("init");
    assertThat(out).contains("secrets: math-service [BROKER_PASSWORD, MATH_GUARD_SECRET]");
    for (String value : share("brokers").values()) {
      assertThat(out).doesNotContain(value);
    }
  }

  Map<String, String> share(String volume) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve(volume).resolve("env"))) {
      int eq = line.indexOf('=');
      assertThat(line.substring(eq + 1)).as("a value quoted for the shell").startsWith("'").endsWith("'");
      values.put(line.substring(0, eq), line.substring(eq + 2, line.length() - 1));
    }
    return values;
  }

  String run(String... args) throws Exception {
    Result result = launch(args);
    assertThat(result.exit).as("Secrets %s:%n%s", List.of(args), result.out).isZero();
    return result.out.strip();
  }

  String runFailing(String... args) throws Exception {
    Result result = launch(args);
    assertThat(result.exit).as("Secrets %s should fail", List.of(args)).isNotZero();
    return result.out;
  }

  record Result(int exit, String out) {}

  /** The JDK's source launcher runs the one file, with the environment docker-compose.yml gives the container. */
  Result launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        Repo.path("scripts", "docker", "secrets", "Secrets.java").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Compose.main().environment("secrets"));
    builder.environment().put("SECRETS_DIR", dir.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Secrets %s finished", List.of(args)).isTrue();
    return new Result(process.exitValue(), out);
  }
}
