package org.acme.transport.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.acme.transport.config.LimitsConfig;

/**
 * The limits of {@link LimitsConfig} on a Jackson mapper: its stream constraints (nesting, string and number length,
 * tokens), and numbers bound to {@code number-digits} and {@code number-scale} where they become {@code BigDecimal}
 * or {@code BigInteger}. The decimal of {@code 1e10000000} costs nothing to read; adding one to it costs seconds of
 * CPU and ten million digits, so it is refused when it is bound, before a handler (or the gateway) can compute with it.
 */
public final class BoundedJson {

  private BoundedJson() {
  }

  /** Applies the limits to the mapper (its factory is shared by its readers) and returns it. */
  public static ObjectMapper apply(ObjectMapper mapper, LimitsConfig limits) {
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(limits.jsonDepth())
        .maxStringLength(limits.jsonStringLength())
        .maxNumberLength(Math.max(limits.numberDigits() + 16, 64))
        .maxTokenCount(limits.jsonTokens())
        .build());
    SimpleModule numbers = new SimpleModule("bounded-numbers");
    numbers.addDeserializer(BigDecimal.class, new Decimals(limits.numberDigits(), limits.numberScale()));
    numbers.addDeserializer(BigInteger.class, new Integers(limits.numberDigits()));
    return mapper.registerModule(numbers);
  }

  /** Whether a decimal is within the limits. */
  public static boolean fits(BigDecimal value, int digits, int scale) {
    return value.precision() <= digits && Math.abs(value.scale()) <= scale;
  }

  private static final class Decimals extends StdScalarDeserializer<BigDecimal> {

    private final int digits;
    private final int scale;

    Decimals(int digits, int scale) {
      super(BigDecimal.class);
      this.digits = digits;
      this.scale = scale;
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      BigDecimal value;
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        value = parser.getDecimalValue();
      } else if (parser.currentToken() == JsonToken.VALUE_STRING) {
        try {
          value = new BigDecimal(parser.getText().trim());
        } catch (NumberFormatException e) {
          return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, parser.getText(), "not a number");
        }
      } else {
        return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
      }
      if (!fits(value, digits, scale)) {
        return (BigDecimal) context.handleWeirdNumberValue(BigDecimal.class, value, "out of range: at most " + digits
            + " digits and an exponent of at most " + scale + " either way (nest.limits.number-digits, nest.limits.number-scale)");
      }
      return value;
    }
  }

  private static final class Integers extends StdScalarDeserializer<BigInteger> {

    private final int digits;

    Integers(int digits) {
      super(BigInteger.class);
      this.digits = digits;
    }

    @Override
    public BigInteger deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      BigDecimal value = parser.currentToken() == JsonToken.VALUE_STRING ? new BigDecimal(parser.getText().trim()) : parser.getDecimalValue();
      if (value.precision() > digits || value.scale() < -digits) {
        return (BigInteger) context.handleWeirdNumberValue(BigInteger.class, value, "out of range: at most " + digits
            + " digits (nest.limits.number-digits)");
      }
      try {
        return value.toBigIntegerExact();
      } catch (ArithmeticException e) {
        return (BigInteger) context.handleWeirdNumberValue(BigInteger.class, value, "not a whole number");
      }
    }
  }
}
