package org.acme.transport.codec;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;

/**
 * Decimals in a JSON tree as JavaScript writes numbers: trailing zeros dropped ({@code 0.30} is {@code 0.3}, {@code 3.0}
 * is {@code 3}), and a whole number below 10^21 written whole. Jackson's own factory strips {@code 260} to
 * {@code 2.6E+2}: the same number, but one a strict reader (Go's int, a JSON schema's integer) refuses, and that
 * {@code JSON.stringify} never writes. Beyond 21 digits the exponent stays, as in JavaScript: written out,
 * {@code 1e10000000} would be ten million digits.
 */
public final class JsNumbers extends JsonNodeFactory {

  public static final JsNumbers INSTANCE = new JsNumbers();
  private static final int WHOLE_DIGITS = 21;

  private JsNumbers() {
    super(true);
  }

  @Override
  public ValueNode numberNode(BigDecimal value) {
    if (value == null) {
      return nullNode();
    }
    BigDecimal stripped;
    try {
      stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    } catch (ArithmeticException scaleBeyondAnInt) {
      return DecimalNode.valueOf(value); // 100e2147483647 has no stripped form: kept as it came
    }
    // in longs: 1e2147483647 has 2^31 digits, one more than an int counts
    boolean wholeAndShort = stripped.scale() < 0 && (long) stripped.precision() - stripped.scale() <= WHOLE_DIGITS;
    return DecimalNode.valueOf(wholeAndShort ? stripped.setScale(0) : stripped);
  }
}
