package org.acme.payment.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.contracts.payment.RefundRequest;
import org.acme.payment.client.OrderEventsClient;
import org.acme.payment.config.PaymentConfig;
import org.acme.payment.service.PaymentLedger.Stored;
import org.acme.transport.tracing.LogMdc;

/**
 * Payments, idempotent per order: the first request for an order decides its outcome ({@link PaymentRules}) and
 * every later one, concurrent or not, whatever its data, gets that same outcome. Money is taken once.
 * <p>
 * The outcome is stored before its event goes to order-service, and a request is answered with the outcome only
 * once the event is on Kafka, by this request or an earlier one. If publishing fails, the request gets the
 * retryable error {@code PAYMENT_EVENT_NOT_PUBLISHED}; the outcome stays, and asking again publishes the event then
 * (the saga, or RabbitMQ redelivering after a crash, asks again). One request at a time publishes: concurrent
 * duplicates wait for it (up to twice {@code payment.event-timeout}, then they get the same retryable error), so a
 * healthy run gives exactly one event per order. The guarantee is at least once:
 * a publisher that crashes after Kafka took the event, or outlives its claim, can cause a second one, so
 * order-service must take these events idempotently.
 */
@Singleton
public class PaymentService {

  /** How often a request waiting for another one's publication looks again. */
  private static final Duration POLL = Duration.ofMillis(25);

  private final PaymentRules rules;
  private final PaymentLedger ledger;
  private final OrderEventsClient events;
  private final MeterRegistry meters;
  private final Duration claim;

  PaymentService(PaymentRules rules, PaymentLedger ledger, OrderEventsClient events, MeterRegistry meters, PaymentConfig config) {
    this.rules = rules;
    this.ledger = ledger;
    this.events = events;
    this.meters = meters;
    // longer than a publication may take, so a live publisher never loses its claim to a waiting duplicate
    this.claim = config.eventTimeout().multipliedBy(2);
  }

  public Uni<PaymentResult> process(PaymentRequest request) {
    return ledger.recordCharge(rules.decide(request))
        .invoke(this::noteCharge)
        .chain(stored -> publishOnce(stored.result(), System.nanoTime() + claim.toNanos()).replaceWith(stored.result()));
  }

  /**
   * Refunds a completed payment, once: asking again gives the first refund. A refund for an order never charged
   * voids it: a declined charge is recorded in its place, so a charge that arrives later (a saga that gave up on
   * a slow payment compensates first) is declined rather than taken with nobody to give it back.
   */
  public Uni<PaymentResult> refund(RefundRequest request) {
    PaymentResult voided = new PaymentResult(null, request.orderId(), PaymentResult.DECLINED, BigDecimal.ZERO,
        "the order was cancelled before it was paid" + (request.reason() == null ? "" : ": " + request.reason()));
    return ledger.recordCharge(voided).chain(recorded -> {
      if (recorded.first()) {
        LogMdc.order(request.orderId(), () -> Log.infof("Order %s refunded before any charge: voided, a later charge will be declined",
            request.orderId()));
        throw PaymentRejections.notFound(request.orderId());
      }
      PaymentResult charge = recorded.result();
      if (!PaymentResult.COMPLETED.equals(charge.status())) {
        throw PaymentRejections.nothingToRefund(charge.orderId(), charge.reason());
      }
      PaymentResult refund = new PaymentResult(charge.paymentId(), charge.orderId(), PaymentResult.REFUNDED, charge.amount(), request.reason());
      return ledger.recordRefund(refund).invoke(stored -> {
        if (stored.first()) {
          LogMdc.order(charge.orderId(), () -> Log.infof("Refunded %s for order %s (%s)", charge.paymentId(), charge.orderId(), request.reason()));
          meters.counter("payment.refunds").increment();
        }
      }).map(Stored::result);
    });
  }

  /** Where an order's payment stands: REFUNDED once refunded, else the charge's outcome; PAYMENT_NOT_FOUND if none. */
  public Uni<PaymentResult> find(String orderId) {
    return ledger.refund(orderId).chain(refund -> refund.isPresent()
        ? Uni.createFrom().item(refund.get())
        : ledger.charge(orderId).map(charge -> charge.orElseThrow(() -> PaymentRejections.notFound(orderId))));
  }

  /**
   * Publishes the charge's event unless it is out already. While another request publishes it, waits until
   * {@code waitUntil} (a {@link System#nanoTime} value) and then gives up with the retryable error: with Kafka away,
   * duplicates would otherwise queue up behind each other's failing attempts, each taking the whole event timeout.
   */
  private Uni<Void> publishOnce(PaymentResult charge, long waitUntil) {
    String orderId = charge.orderId();
    String token = UUID.randomUUID().toString();
    return ledger.claimPublication(orderId, token, claim).chain(found -> switch (found) {
      case ALREADY_PUBLISHED -> Uni.createFrom().voidItem();
      case CLAIMED -> events.publish(charge)
          .onFailure().invoke(e -> LogMdc.order(orderId, () -> Log.warnf("Payment event for order %s not published, the caller is told to ask again: %s",
              orderId, e.toString())))
          .onFailure().call(() -> ledger.releasePublication(orderId, token).onFailure().recoverWithNull())
          .onFailure().transform(e -> PaymentRejections.eventNotPublished(orderId, e))
          .call(() -> ledger.markPublished(orderId));
      // the other request publishes, fails and lets go, or crashes and its claim lapses: look again shortly
      case CLAIMED_BY_ANOTHER -> System.nanoTime() > waitUntil
          ? Uni.createFrom().failure(PaymentRejections.eventNotPublished(orderId, new TimeoutException("another request is still publishing it")))
          : Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> publishOnce(charge, waitUntil));
    });
  }

  private void noteCharge(Stored stored) {
    PaymentResult charge = stored.result();
    if (stored.first()) {
      LogMdc.order(charge.orderId(), () -> Log.infof("Payment for order %s: %s %s%s", charge.orderId(), charge.status(),
          charge.amount().toPlainString(), charge.reason() == null ? "" : " (" + charge.reason() + ")"));
      meters.counter("payment.charges", "status", charge.status()).increment();
    } else {
      LogMdc.order(charge.orderId(), () -> Log.debugf("Payment for order %s asked again: answering the first outcome, %s", charge.orderId(),
          charge.status()));
    }
  }
}
