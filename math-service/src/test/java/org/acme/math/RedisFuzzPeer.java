package org.acme.math;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import java.util.function.Consumer;
import org.acme.transport.testing.FuzzFrames;

/** The fuzz on Redis: hostile messages published on every route's channel; replies read on the {@code .reply} channels. */
final class RedisFuzzPeer implements HostilePeer {

  private final RedisDataSource redis;
  private FuzzFrames fuzz;
  private PubSubCommands<byte[]> publisher;
  private PubSubCommands.RedisSubscriber subscriber;

  RedisFuzzPeer(RedisDataSource redis) {
    this.redis = redis;
  }

  @Override
  public String transport() {
    return "redis";
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) {
    this.fuzz = fuzz;
    publisher = redis.pubsub(byte[].class);
    subscriber = redis.pubsub(String.class).subscribe(ROUTES.stream().map(route -> route + ".reply").toList(), replies);
  }

  @Override
  public void sendHostile() {
    String route = fuzz.route();
    // PUBLISH returns once Redis has it, not once the service has handled it
    publisher.publish(route, fuzz.message(route));
  }

  @Override
  public void close() {
    subscriber.unsubscribe();
  }
}
