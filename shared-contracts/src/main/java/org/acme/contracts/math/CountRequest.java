package org.acme.contracts.math;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The data of {@code {cmd:'count'}}: how far to count. Bounded so one request cannot flood a transport. */
public record CountRequest(@NotNull @Min(0) @Max(10_000) Integer to) {
}
