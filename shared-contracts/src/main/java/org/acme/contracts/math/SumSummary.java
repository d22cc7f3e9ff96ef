package org.acme.contracts.math;

import java.math.BigDecimal;

/**
 * The answer of {@code {cmd:'sum', v:2}}: the sum of the numbers with how many there were, the smallest, the largest
 * and their mean (min, max and mean are null for an empty list; the mean within the service's number precision).
 */
public record SumSummary(BigDecimal sum, int count, BigDecimal min, BigDecimal max, BigDecimal mean) {
}
