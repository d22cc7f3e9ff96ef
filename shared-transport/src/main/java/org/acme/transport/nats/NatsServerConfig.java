package org.acme.transport.nats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.acme.transport.config.Toggle;

/** Nest's NATS transport, server side ({@link NatsServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.nats")
public interface NatsServerConfig extends Toggle {

  /** The queue group every instance joins, so each request is handled once. Default: the application name. */
  Optional<String> queue();

  /**
   * Replies go only to subjects under this prefix (clients' inboxes): a request whose reply subject names anything
   * else (another service's subject, say) is dropped, counted and logged, unanswered. Default {@code _INBOX.}.
   */
  @WithDefault("_INBOX.")
  String replyPrefix();
}
