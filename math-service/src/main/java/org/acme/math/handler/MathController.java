package org.acme.math.handler;

import org.acme.transport.handler.NonBlockingHandler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.acme.contracts.math.CountRequest;
import org.acme.contracts.math.DelayRequest;
import org.acme.contracts.math.MathPatterns;
import org.acme.contracts.math.MultiplyRequest;
import org.acme.contracts.math.SumSummary;
import org.acme.transport.config.LimitsConfig;
import org.acme.transport.handler.EventPattern;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.RpcException;
import org.acme.transport.handler.TimingInterceptor;
import org.acme.transport.handler.UseInterceptors;

/**
 * The seed's MathController: request-response arithmetic, a streamed count, a pattern that never answers, and one that
 * answers late.
 */
@MessageController
public class MathController {

  /**
   * Arithmetic within the digits a number may have ({@code nest.limits.number-digits}): the inputs are bounded when
   * they are read, and so, with this, is every result, however many numbers a sum has.
   */
  private final MathContext bounded;

  MathController(LimitsConfig limits) {
    this.bounded = new MathContext(limits.numberDigits(), RoundingMode.HALF_EVEN);
  }

  /** Exact decimals: [1,2,3] gives 6, [0.1,0.2] gives 0.3; an empty or missing list gives 0; a null in it is a 400. */
  @NonBlockingHandler
  @MessagePattern({MathPatterns.SUM, MathPatterns.ROLE_SUM, MathPatterns.KAFKA_SUM})
  public BigDecimal sum(List<BigDecimal> numbers) {
    if (numbers == null) {
      return BigDecimal.ZERO;
    }
    if (numbers.stream().anyMatch(Objects::isNull)) {
      throw RpcException.withStatus(400, "Invalid payload: null is not a number");
    }
    return numbers.stream().reduce(BigDecimal.ZERO, (a, b) -> a.add(b, bounded));
  }

  /** Version 2 of sum, beside version 1: the same numbers and checks, a richer answer. */
  @NonBlockingHandler
  @MessagePattern({MathPatterns.SUM_V2, MathPatterns.KAFKA_SUM_V2})
  public SumSummary sumV2(List<BigDecimal> numbers) {
    BigDecimal sum = sum(numbers);
    if (numbers == null || numbers.isEmpty()) {
      return new SumSummary(sum, 0, null, null, null);
    }
    return new SumSummary(sum, numbers.size(), numbers.stream().min(BigDecimal::compareTo).orElseThrow(),
        numbers.stream().max(BigDecimal::compareTo).orElseThrow(), sum.divide(BigDecimal.valueOf(numbers.size()), bounded));
  }

  @NonBlockingHandler
  @MessagePattern(MathPatterns.MULTIPLY)
  public BigDecimal multiply(@NotNull MultiplyRequest request) {
    return request.a().multiply(request.b(), bounded);
  }

  /**
   * One reply per number, 1..to; the last one closes the stream. Timed (README "Interceptors and hooks"): a stream is
   * answered on the reactive path anyway, so the interceptor costs it no in-place answer, as it would {@link #sum}.
   */
  @UseInterceptors(TimingInterceptor.class)
  @MessagePattern({MathPatterns.COUNT, MathPatterns.KAFKA_COUNT})
  public Multi<Integer> count(@NotNull CountRequest request) {
    return Multi.createFrom().range(1, request.to() + 1);
  }

  /** Answers {@code ms} after {@code ms} milliseconds, on a timer: a request that stays in flight that long. */
  @MessagePattern({MathPatterns.DELAY, MathPatterns.KAFKA_DELAY})
  public Uni<Long> delay(@NotNull DelayRequest request) {
    return Uni.createFrom().item(request.ms()).onItem().delayIt().by(Duration.ofMillis(request.ms()));
  }

  /** An event that takes {@code ms} milliseconds to handle, on a timer. */
  @EventPattern(MathPatterns.DELAY_EVENT)
  public Uni<Void> delayEvent(@NotNull DelayRequest request) {
    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(request.ms()));
  }

  /** Never answers: callers must rely on their deadline. */
  @MessagePattern({MathPatterns.NEVER, MathPatterns.KAFKA_NEVER})
  public Uni<Void> never(Object ignored) {
    return Uni.createFrom().nothing();
  }
}
