package org.acme.transport.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script for Redis. Redis runs a script alone, which is what makes a multi-key change (a multi-SKU
 * reservation, a compare-and-set on an order) atomic. It is called by its SHA-1 ({@code EVALSHA}); a Redis that does
 * not hold it yet (new, restarted, flushed) answers NOSCRIPT and gets the source once ({@code EVAL}, which also
 * caches it), so a script travels once per Redis, not once per call.
 */
public record RedisScript(String name, String source, String sha) {

  /** The script {@code src/main/resources/redis/<name>.lua} of the service that owns it. */
  public static RedisScript load(Class<?> owner, String name) {
    String path = "/redis/" + name + ".lua";
    try (InputStream in = owner.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no script " + path + " on the class path of " + owner.getName());
      }
      return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot load " + path, e);
    }
  }

  /** A script given as text, for one-liners that read best beside the code that calls them. */
  public static RedisScript of(String name, String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return new RedisScript(name, source, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JVM", e);
    }
  }

  public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
    return redis.execute("EVALSHA", arguments(sha, keys, args))
        .onFailure(RedisScript::notCached).recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
  }

  private static boolean notCached(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  private static String[] arguments(String script, List<String> keys, List<String> args) {
    List<String> all = new ArrayList<>(2 + keys.size() + args.size());
    all.add(script);
    all.add(String.valueOf(keys.size()));
    all.addAll(keys);
    all.addAll(args);
    return all.toArray(String[]::new);
  }
}
