package org.acme.math.handler;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.acme.math.config.MathConfig;
import org.acme.transport.handler.Guard;
import org.acme.transport.handler.MessageContext;

/** The seed's MicroserviceAuthGuard, with a real check: the token must equal the configured secret. */
@Singleton
public class TokenGuard implements Guard {

  private final byte[] secret;

  TokenGuard(MathConfig config) {
    this.secret = config.guard().secret().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean canActivate(JsonNode data, MessageContext context) {
    JsonNode token = data.path("token");
    // constant-time, so the answer's timing does not leak how much of a guess was right
    return token.isTextual() && MessageDigest.isEqual(secret, token.textValue().getBytes(StandardCharsets.UTF_8));
  }
}
