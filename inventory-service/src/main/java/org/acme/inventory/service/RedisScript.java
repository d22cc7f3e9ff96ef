package org.acme.inventory.service;

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
 * A Lua script from {@code src/main/resources/redis}. Redis runs a script alone, which is what makes a multi-SKU
 * reservation atomic. It is called by its SHA-1 ({@code EVALSHA}); a Redis that does not hold it yet (new, restarted,
 * flushed) answers NOSCRIPT and gets the source once ({@code EVAL}, which also caches it).
 */
record RedisScript(String name, String source, String sha) {

  static RedisScript load(String name) {
    try (InputStream in = RedisScript.class.getResourceAsStream("/redis/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("no script redis/" + name + ".lua on the class path");
      }
      return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot load redis/" + name + ".lua", e);
    }
  }

  static RedisScript of(String name, String source) {
    try {
      return new RedisScript(name, source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JVM", e);
    }
  }

  Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
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
