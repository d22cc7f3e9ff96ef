package org.acme.__PACKAGE__.handler;

import jakarta.validation.constraints.NotNull;
import org.acme.contracts.__PACKAGE__.__CLASS__Patterns;
import org.acme.contracts.__PACKAGE__.PingReply;
import org.acme.contracts.__PACKAGE__.PingRequest;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * __SERVICE__'s message handlers, served on every transport application.properties switches on (__TRANSPORT__ here). Add a
 * pattern as a method: its name in shared-contracts, its data a validated record there too.
 */
@MessageController
public class __CLASS__Controller {

  private final String service;

  __CLASS__Controller(@ConfigProperty(name = "quarkus.application.name") String service) {
    this.service = service;
  }

  /** Echoes the message: pure and quick, so it runs on the I/O thread (blocking work would drop the annotation). */
  @NonBlockingHandler
  //@if kafka
  @MessagePattern({__CLASS__Patterns.PING, __CLASS__Patterns.KAFKA_PING})
  //@end
  //@if tcp nats rmq redis mqtt
  @MessagePattern(__CLASS__Patterns.PING)
  //@end
  public PingReply ping(@NotNull PingRequest request) {
    return new PingReply(request.message(), service);
  }
}
