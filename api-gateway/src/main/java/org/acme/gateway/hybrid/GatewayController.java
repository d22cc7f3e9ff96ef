package org.acme.gateway.hybrid;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/**
 * The gateway is a hybrid app, as in the seed: besides HTTP it answers a message pattern of its own on TCP
 * (nest.server.tcp.*), started with the HTTP server. A Nest client can ask it {@code {cmd:'gateway_status'}}.
 */
@MessageController
public class GatewayController {

  public static final String STATUS = "{\"cmd\":\"gateway_status\"}";

  @NonBlockingHandler
  @MessagePattern(STATUS)
  public Map<String, Object> status(JsonNode ignored) {
    return Map.of("service", "api-gateway", "status", "UP", "uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
