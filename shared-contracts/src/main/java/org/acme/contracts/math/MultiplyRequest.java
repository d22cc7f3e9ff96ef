package org.acme.contracts.math;

import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** The data of {@code multiply}. Exact decimals, so 6 * 7 answers 42, not 42.0. */
public record MultiplyRequest(@NotNull BigDecimal a, @NotNull BigDecimal b) {
}
