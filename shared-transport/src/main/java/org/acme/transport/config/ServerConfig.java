package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.acme.transport.codec.MessageMetadata;

/**
 * What the servers of every transport share. Which transports this service serves its message patterns on is each
 * transport's own section, {@code nest.server.<transport>.*}, read in its room ({@code tcp.TcpServerConfig},
 * {@code rmq.RmqServerConfig}, ...). Every server is off unless enabled.
 */
@ConfigMapping(prefix = "nest.server")
public interface ServerConfig {

  /** How long a handler may go without producing its next value before the request gets an error. Default 60s. */
  @WithDefault("60s")
  Duration handlerTimeout();

  /** The most values one request's reply stream may have; the handler is stopped after it, the caller told. Default 10000. */
  @WithDefault("10000")
  long maxStreamLength();

  /**
   * On SIGTERM, how long the handlers running may take to finish once every server has stopped taking messages
   * (see {@code handler.Drain}); then a request still running gets a 503 reply and an event goes back to its broker.
   * {@code quarkus.shutdown.timeout} plus this must fit in the platform's grace (k8s terminationGracePeriodSeconds,
   * compose stop_grace_period). Default 10s.
   */
  @WithDefault("10s")
  Duration drainTimeout();

  /** What a message may carry beside its data, on every transport. */
  Metadata metadata();

  interface Metadata {
    /** The most metadata entries one message may carry; a message with more gets an error reply. Default 64. */
    @WithDefault("64")
    int maxEntries();

    /** The most characters of metadata keys and values together in one message. Default 8192. */
    @WithDefault("8192")
    int maxSize();

    default MessageMetadata.Limits limits() {
      return new MessageMetadata.Limits(maxEntries(), maxSize());
    }
  }
}
