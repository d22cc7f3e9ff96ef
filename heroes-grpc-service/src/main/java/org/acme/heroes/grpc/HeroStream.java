package org.acme.heroes.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Iterator;
import org.acme.contracts.hero.Hero;
import org.acme.heroes.HeroRecord;

/**
 * One StreamHeroes call: writes the heroes one by one, only while the transport says it is ready, and stops as soon
 * as the client cancels.
 *
 * <p>Why not return a Mutiny {@code Multi}: Quarkus' server adapter requests every item at once and, when the
 * client is slow, spins on {@code isReady()} in the emitting thread. Driving the call by hand with grpc-java's
 * {@code onReady}/{@code onCancel} callbacks gives real flow control: a client that stops reading stops the
 * server, and nothing piles up in memory.
 *
 * <p>Callbacks arrive on gRPC threads and the pacing timer on a Vert.x thread; {@code synchronized} keeps the
 * writes to the call serial, as grpc-java requires.
 */
final class HeroStream {

  private final ServerCallStreamObserver<Hero> call;
  private final Iterator<HeroRecord> remaining;
  private final Vertx vertx;
  private final long intervalMillis;
  private final Counter sent;
  private final Counter cancelled;

  private boolean finished;
  private boolean pausing;
  private long timerId = -1;

  HeroStream(ServerCallStreamObserver<Hero> call, Iterable<HeroRecord> heroes, Vertx vertx, Duration interval,
      Counter sent, Counter cancelled) {
    this.call = call;
    this.remaining = heroes.iterator();
    this.vertx = vertx;
    this.intervalMillis = interval.toMillis();
    this.sent = sent;
    this.cancelled = cancelled;
  }

  /** Must run inside the service method: grpc-java only accepts these handlers before it returns. */
  void start() {
    call.setOnCancelHandler(this::cancel);
    call.setOnReadyHandler(this::pump);
    pump();
  }

  private synchronized void pump() {
    while (!finished && !pausing && call.isReady()) {
      if (!remaining.hasNext()) {
        finish();
        return;
      }
      call.onNext(remaining.next().toMessage());
      sent.increment();
      if (!remaining.hasNext()) {
        finish();
        return;
      }
      if (intervalMillis > 0) {
        pausing = true;
        timerId = vertx.setTimer(intervalMillis, id -> resume());
      }
    }
  }

  private synchronized void resume() {
    pausing = false;
    pump();
  }

  private void finish() {
    finished = true;
    call.onCompleted();
  }

  private synchronized void cancel() {
    if (finished) {
      return;
    }
    finished = true;
    vertx.cancelTimer(timerId);
    cancelled.increment();
  }
}
