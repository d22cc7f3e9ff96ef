package org.acme.math.handler;

import com.fasterxml.jackson.databind.JsonNode;
import org.acme.transport.handler.NonBlockingHandler;
import org.acme.contracts.math.AdminData;
import org.acme.contracts.math.ContextInfo;
import org.acme.contracts.math.MathPatterns;
import org.acme.contracts.math.ProtectedData;
import org.acme.contracts.math.TokenRequest;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.Roles;
import org.acme.transport.handler.RpcException;
import org.acme.transport.handler.UseFilters;
import org.acme.transport.handler.UseGuards;

/** The seed's guard, exception filter and context examples, one pattern each. */
@MessageController
public class SeedFeaturesController {

  @NonBlockingHandler
  @UseGuards(TokenGuard.class)
  @MessagePattern({MathPatterns.PROTECTED, MathPatterns.KAFKA_PROTECTED})
  public ProtectedData protectedData(TokenRequest request) {
    return new ProtectedData("Protected data");
  }

  /** The second guard: a role check on the caller the gateway authenticated, which travels as message metadata. */
  @NonBlockingHandler
  @Roles(MathPatterns.ADMIN_ROLE)
  @MessagePattern({MathPatterns.ADMIN, MathPatterns.KAFKA_ADMIN})
  public AdminData adminData(JsonNode data, MessageContext context) {
    return new AdminData("Admin data", context.caller().orElseThrow().subject());
  }

  /** Echoes its data; missing or empty data meets {@link DataRequiredFilter}, which alone reshapes the error. */
  @NonBlockingHandler
  @UseFilters(DataRequiredFilter.class)
  @MessagePattern({MathPatterns.DATA, MathPatterns.KAFKA_DATA})
  public JsonNode data(JsonNode data) {
    if (data == null || data.isNull() || data.isMissingNode() || (data.isContainerNode() || data.isTextual()) && data.isEmpty()
        || data.isTextual() && data.textValue().isEmpty()) {
      throw new RpcException("Data is required");
    }
    return data;
  }

  @NonBlockingHandler
  @MessagePattern({MathPatterns.GET_DATA, MathPatterns.KAFKA_GET_DATA})
  public ContextInfo getData(JsonNode data, MessageContext context) {
    return new ContextInfo(true, context.pattern(), context.transport(), context.metadata());
  }
}
