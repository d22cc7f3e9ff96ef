import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The secrets of the docker compose stack, made inside Docker by its one-shot {@code secrets} service, so that
 * {@code docker compose up --build} needs nothing on the host first (no openssl, no .env, no ./dev secrets).
 *
 * <pre>
 *   init                    make what is missing (keep what exists) and hand each volume its share
 *   token [SUBJECT] [GROUPS]  a development token for the gateway, signed with the stack's key (default ada customer)
 *   secret NAME             one value of the store (MATH_GUARD_SECRET), for a curl of your own
 * </pre>
 *
 * Layout under SECRETS_DIR (default /secrets; each directory is a named volume in docker-compose.yml):
 * <ul>
 *   <li>{@code store/}: every value and the token key pair; only this container mounts it.
 *   <li>{@code brokers/env}: BROKER_ADMIN_PASSWORD and every service's {@code <SERVICE>_BROKER_PASSWORD}, the names
 *       scripts/access uses; every broker mounts it.
 *   <li>{@code services/<service>/env}: that service's own BROKER_PASSWORD, plus the names SECRETS_FOR_<SERVICE>
 *       lists (MP_JWT_VERIFY_PUBLICKEY is the token key's public half; any other name a random value); only that
 *       service mounts it. The services are the directories found there: a volume mounted means a service.
 * </ul>
 * Each file is NAME='value' lines, which scripts/docker/with-secrets.sh exports before the container's command.
 * A plain Java program rather than a shell script: the JRE image has what it needs (a key pair, RS256, a strong
 * random source) and nothing else has to be installed. Values are letters and digits, a letter first (nats-server
 * reads a value that starts with digits as a number), so they pass unquoted through every broker's configuration.
 */
public final class Secrets {

  static final Path ROOT = Path.of(System.getenv().getOrDefault("SECRETS_DIR", "/secrets"));
  static final Path STORE = ROOT.resolve("store");
  /** The services' user and group in the root Dockerfile (185:0): their files are theirs alone. */
  static final int SERVICE_UID = 185;
  static final String PUBLIC_KEY = "MP_JWT_VERIFY_PUBLICKEY";
  static final String ADMIN = "BROKER_ADMIN_PASSWORD";
  static final SecureRandom RANDOM = new SecureRandom();

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "init" : args[0];
    switch (command) {
      case "init" -> init();
      case "token" -> System.out.println(token(arg(args, 1, "ada"), arg(args, 2, "customer")));
      case "secret" -> System.out.println(secret(arg(args, 1, "")));
      default -> {
        System.err.println("usage: init | token [SUBJECT] [GROUPS] | secret NAME");
        System.exit(2);
      }
    }
  }

  static void init() throws Exception {
    Map<String, String> store = read(STORE.resolve("secrets.env"));
    keyPair();
    String admin = store.computeIfAbsent(ADMIN, name -> random());
    Map<String, String> brokers = new LinkedHashMap<>(Map.of(ADMIN, admin));
    List<String> summary = new ArrayList<>();
    for (String service : services()) {
      String password = store.computeIfAbsent(envName(service) + "_BROKER_PASSWORD", name -> random());
      brokers.put(envName(service) + "_BROKER_PASSWORD", password);
      Map<String, String> own = new LinkedHashMap<>(Map.of("BROKER_PASSWORD", password));
      String extra = System.getenv().getOrDefault("SECRETS_FOR_" + envName(service), "").trim();
      for (String name : extra.isEmpty() ? new String[0] : extra.split("[\\s,]+")) {
        own.put(name, name.equals(PUBLIC_KEY) ? publicKey() : store.computeIfAbsent(name, n -> random()));
      }
      write(ROOT.resolve("services").resolve(service).resolve("env"), own, "r--r-----", SERVICE_UID);
      summary.add(service + " " + own.keySet());
    }
    write(STORE.resolve("secrets.env"), store, "r--------", -1);
    if (Files.isDirectory(ROOT.resolve("brokers"))) {
      // every broker image has its own user (999, 1000, 1883): readable by all, and only the brokers mount it
      write(ROOT.resolve("brokers").resolve("env"), brokers, "r--r--r--", -1);
      summary.add("brokers " + brokers.keySet());
    }
    // names only, never a value
    summary.forEach(line -> System.out.println("secrets: " + line));
  }

  /** The store's directories under services/, each a service's volume. */
  static List<String> services() throws IOException {
    Path dir = ROOT.resolve("services");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(name -> name.matches("[a-z][a-z0-9-]{0,62}")).sorted().toList();
    }
  }

  static String token(String subject, String groups) throws Exception {
    if (!subject.matches("[A-Za-z0-9._@-]{1,64}") || !groups.matches("[A-Za-z0-9._,-]{0,200}")) {
      throw new IllegalArgumentException("a subject is 1 to 64 of A-Z a-z 0-9 . _ @ -; groups are comma-separated names");
    }
    long now = System.currentTimeMillis() / 1000;
    String groupList = groups.isEmpty() ? "" : "\"" + String.join("\",\"", groups.split(",")) + "\"";
    // the claims ./dev token makes; the gateway checks the issuer (mp.jwt.verify.issuer)
    String payload = "{\"iss\":\"nest-quarkus-dev\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[%s],\"iat\":%d,\"exp\":%d}"
        .formatted(subject, subject, groupList, now, now + 3600);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String unsigned = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(privateKey());
    rs256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    return unsigned + "." + b64.encodeToString(rs256.sign());
  }

  static String secret(String name) throws IOException {
    String value = read(STORE.resolve("secrets.env")).get(name);
    if (value == null) {
      throw new IllegalArgumentException("no secret " + name + " (the stack makes it on its first start)");
    }
    return value;
  }

  static void keyPair() throws Exception {
    if (Files.exists(STORE.resolve("jwt-private.der"))) {
      return;
    }
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048, RANDOM);
    var pair = rsa.generateKeyPair();
    writeBytes(STORE.resolve("jwt-public.der"), pair.getPublic().getEncoded(), "r--------");
    writeBytes(STORE.resolve("jwt-private.der"), pair.getPrivate().getEncoded(), "r--------");
  }

  /** The public key as the gateway takes it in MP_JWT_VERIFY_PUBLICKEY: base64 of its X.509 encoding. */
  static String publicKey() throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(STORE.resolve("jwt-public.der")));
  }

  static PrivateKey privateKey() throws Exception {
    byte[] der = Files.readAllBytes(STORE.resolve("jwt-private.der"));
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "pw" + HexFormat.of().formatHex(bytes);
  }

  static String envName(String service) {
    return service.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
        }
      }
    }
    return values;
  }

  static void write(Path file, Map<String, String> values, String mode, int uid) throws IOException {
    StringBuilder text = new StringBuilder();
    values.forEach((name, value) -> text.append(name).append("='").append(value).append("'\n"));
    writeBytes(file, text.toString().getBytes(StandardCharsets.UTF_8), mode);
    if (uid >= 0 && "root".equals(System.getProperty("user.name"))) {
      Files.setAttribute(file, "unix:uid", uid);
      Files.setAttribute(file, "unix:gid", 0);
    }
  }

  /** Written beside, then moved over: a container that starts meanwhile reads the old file or the new, never half. */
  static void writeBytes(Path file, byte[] bytes, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.deleteIfExists(next);
    Files.write(next, bytes);
    Files.setPosixFilePermissions(next, PosixFilePermissions.fromString(mode));
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }
}
