package org.acme.contracts.math;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The data of {@code {cmd:'delay'}}: how long to take, in ms. Bounded so one request cannot hold a handler for long. */
public record DelayRequest(@NotNull @Min(0) @Max(30_000) Long ms) {
}
