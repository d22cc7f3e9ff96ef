package org.acme.transport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bearer tokens for tests, as an issuer would sign them: an RSA key pair made at test time in {@code target/test-jwt/}
 * (files, so a Quarkus test and its test resources, in different class loaders, share one pair), and RS256 JWTs
 * signed with it. The gateway under test is given {@link #publicKeyConfig()} before it starts.
 */
public final class TestTokens {

  /** The issuer the gateway expects by default ({@code mp.jwt.verify.issuer}). */
  public static final String ISSUER = "nest-quarkus-dev";
  private static final Path DIR = Path.of("target", "test-jwt").toAbsolutePath();

  private TestTokens() {
  }

  /** The public key as {@code mp.jwt.verify.publickey} takes it: base64 of its X.509 encoding, one line. */
  public static synchronized String publicKeyConfig() {
    ensureKeys();
    try {
      return Files.readString(DIR.resolve("public.b64")).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token for {@code subject} with these groups, valid for an hour. */
  public static String token(String subject, String... groups) {
    return sign("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":["
        + List.of(groups).stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "],\"iat\":"
        + Instant.now().getEpochSecond() + ",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
  }

  /** A token as above, but signed by a key nobody trusts. */
  public static String forgedToken(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return sign("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"exp\":"
          + Instant.now().plusSeconds(3600).getEpochSecond() + "}", generator.generateKeyPair().getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey signingKey;

  private static String sign(String claims) {
    try {
      return sign(claims, signingKey());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized PrivateKey signingKey() throws Exception {
    if (signingKey == null) {
      ensureKeys();
      byte[] der = Base64.getDecoder().decode(Files.readString(DIR.resolve("private.b64")).strip());
      signingKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
    return signingKey;
  }

  private static String sign(String claims, PrivateKey key) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String unsigned = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    return unsigned + "." + url.encodeToString(rs256.sign());
  }

  private static synchronized void ensureKeys() {
    if (Files.exists(DIR.resolve("public.b64"))) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(DIR);
      write("private.b64", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
      write("public.pem", "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
      write("public.b64", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Written aside and moved in, so a reader never sees half a key. */
  private static void write(String name, String content) throws IOException {
    Path aside = Files.createTempFile(DIR, name, ".tmp");
    Files.writeString(aside, content);
    Files.move(aside, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
