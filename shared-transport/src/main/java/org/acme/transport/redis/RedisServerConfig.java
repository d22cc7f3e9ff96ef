package org.acme.transport.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.acme.transport.config.Toggle;

/** Nest's Redis transport, server side ({@link RedisServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.redis")
public interface RedisServerConfig extends Toggle {

  /**
   * Nest's {@code wildcards} option: routes holding a glob ({@code *} or {@code ?}, such as {@code orders.*}) are
   * subscribed with PSUBSCRIBE and handle every channel they match; a reply goes to the actual channel's
   * {@code .reply}, where the caller listens (Nest's goes to the glob's, where nobody does). Default false: every
   * route is a channel name, as in Nest.
   */
  @WithDefault("false")
  boolean wildcards();
}
