package org.acme.transport.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.acme.transport.config.LimitsConfig;

/**
 * Puts {@code nest.limits.*} on the application's ObjectMapper (the one REST bodies and handler payloads are read
 * with) and on {@link NestCodec}'s, which reads every message off the wire; and JavaScript's way of writing decimals
 * ({@link JsNumbers}) on both.
 */
@Singleton
public class BoundedJsonCustomizer implements ObjectMapperCustomizer {

  private final LimitsConfig limits;

  BoundedJsonCustomizer(LimitsConfig limits) {
    this.limits = limits;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    // handlers' answers become trees with this mapper: 260 must go out as 260
    mapper.setNodeFactory(JsNumbers.INSTANCE);
    BoundedJson.apply(mapper, limits);
    NestCodec.limit(limits);
  }
}
