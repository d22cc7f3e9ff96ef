package org.acme.payment.handler;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.acme.payment.config.PaymentConfig;
import org.acme.transport.handler.Guard;
import org.acme.transport.handler.MessageContext;

/**
 * Money moves only at the saga's word: a charge or refund must come from a broker user named in
 * {@code payment.command-senders}. On RabbitMQ every service may write to the default exchange, so the queue alone
 * cannot tell the saga from the gateway; the message's {@code user_id}, which the broker refuses unless it is the
 * publisher's own login, can. A message without one (another transport, a Nest client) is refused too.
 */
@Singleton
class CommandSenderGuard implements Guard {

  private final Optional<Set<String>> senders;

  CommandSenderGuard(PaymentConfig config) {
    this.senders = config.commandSenders();
  }

  @Override
  public boolean canActivate(JsonNode data, MessageContext context) {
    return senders.isEmpty() || sender(context).filter(senders.get()::contains).isPresent();
  }

  private static Optional<String> sender(MessageContext context) {
    return context.detail("properties").filter(Map.class::isInstance).map(properties -> ((Map<?, ?>) properties).get("userId"))
        .map(Object::toString);
  }
}
