package org.acme.math.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import org.acme.transport.handler.NonBlockingHandler;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.acme.contracts.math.MathPatterns;
import org.acme.contracts.math.UserCreated;
import org.acme.math.service.UsersSeen;
import org.acme.transport.handler.EventPattern;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;

/** The seed's {@code user_created} event, recorded per transport so a test (or a curl) can see it arrived. */
@MessageController
public class UserEventsController {

  private final UsersSeen seen;

  UserEventsController(UsersSeen seen) {
    this.seen = seen;
  }

  @NonBlockingHandler
  @EventPattern(MathPatterns.USER_CREATED)
  public void userCreated(@NotNull UserCreated user, MessageContext context) {
    Log.infof("User created over %s: %s", context.transport(), user.userId());
    seen.record(context.transport(), user.userId());
  }

  @NonBlockingHandler
  @MessagePattern({MathPatterns.USERS_SEEN, MathPatterns.KAFKA_USERS_SEEN})
  public List<String> usersSeen(JsonNode ignored, MessageContext context) {
    return seen.on(context.transport());
  }
}
