package org.acme.transport.rmq;

import com.rabbitmq.client.BasicProperties;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQConfirmation;
import io.vertx.rabbitmq.impl.RabbitMQClientImpl;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;

/**
 * Publisher confirms one message at a time. The channel's {@code waitForConfirms} waits for every message published on
 * the channel so far, so under load one event waited for the confirms of everybody else's (and missed its deadline,
 * although its own confirm had come). Here each publish notes its delivery tag and completes when the broker acks that
 * tag, or a multiple ack that covers it; a nack fails it. Tags count from 1 on every channel, so the link's channel
 * number is part of the key: what was waiting on a channel that is gone fails as "not now" when the next one is set up.
 */
@Singleton
public class RmqConfirms {

  private static final int LISTENER_QUEUE = 4096;

  private final RmqLink link;
  private volatile Channel current = new Channel(-1, -1);
  /** Completed by the next listener set-up: publishes wait for it while the link has reconnected and it has not run yet. */
  private volatile CompletableFuture<Void> next = new CompletableFuture<>();

  RmqConfirms(RmqLink link) {
    this.link = link;
    link.onConnected(this::listen).subscribe().with(ok -> { }, e -> Log.errorf(e, "RMQ: cannot listen to publisher confirms"));
  }

  /** Publishes and completes when the broker has confirmed this message; fails on a nack, a lost channel or after {@code timeout}. */
  public Uni<Void> publish(String exchange, String routingKey, BasicProperties props, Buffer body, Duration timeout) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    return ready()
        .chain(() -> link.client().basicPublishWithDeliveryTag(exchange, routingKey, props, body, tag -> expect(tag, confirmed)))
        .chain(() -> Uni.createFrom().completionStage(confirmed))
        .ifNoItem().after(timeout).failWith(() -> new BrokerUnavailableException(Transport.RMQ, link.address()));
  }

  /** Runs on the publishing thread just before the message goes out, so the channel read here is the one it goes out on. */
  private void expect(long tag, CompletableFuture<Void> confirmed) {
    Channel channel = current;
    if (channel.number != channelNumber()) {
      // published on a channel whose confirms nobody listens to (set-up still running): its fate is unknown
      confirmed.completeExceptionally(new BrokerUnavailableException(Transport.RMQ, link.address()));
      return;
    }
    channel.pending.put(tag, confirmed);
  }

  /** At once when the confirms of the link's current connection are listened to; else when they are. */
  private Uni<Void> ready() {
    CompletableFuture<Void> waiting = next;
    if (current.connection == link.connections()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().completionStage(waiting);
  }

  private Uni<Void> listen() {
    long connection = link.connections();
    return link.client().addConfirmListener(LISTENER_QUEUE)
        .invoke(confirmations -> {
          Channel previous = current;
          Channel channel = new Channel(channelNumber(), connection);
          confirmations.handler(channel::confirm);
          current = channel;
          CompletableFuture<Void> done = next;
          next = new CompletableFuture<>();
          done.complete(null);
          previous.failAll();
        })
        .replaceWithVoid();
  }

  private long channelNumber() {
    return ((RabbitMQClientImpl) link.client().getDelegate()).getChannelInstance();
  }

  /** The messages awaiting their confirm on one channel, by delivery tag. */
  private static final class Channel {

    final long number;
    final long connection;
    final NavigableMap<Long, CompletableFuture<Void>> pending = new ConcurrentSkipListMap<>();

    Channel(long number, long connection) {
      this.number = number;
      this.connection = connection;
    }

    void confirm(RabbitMQConfirmation confirmation) {
      if (confirmation.getChannelInstance() != number) {
        return;
      }
      NavigableMap<Long, CompletableFuture<Void>> settled = confirmation.isMultiple()
          ? pending.headMap(confirmation.getDeliveryTag(), true)
          : pending.subMap(confirmation.getDeliveryTag(), true, confirmation.getDeliveryTag(), true);
      settled.values().forEach(future -> {
        if (confirmation.isSucceeded()) {
          future.complete(null);
        } else {
          future.completeExceptionally(new IOException("RabbitMQ refused message " + confirmation.getDeliveryTag() + " (nack)"));
        }
      });
      settled.clear();
    }

    void failAll() {
      pending.values().forEach(future -> future.completeExceptionally(new IOException("Connection closed")));
      pending.clear();
    }
  }
}
