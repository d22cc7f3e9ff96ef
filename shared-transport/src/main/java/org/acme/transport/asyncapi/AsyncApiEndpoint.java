package org.acme.transport.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves {@link AsyncApiDocument} at {@code /q/asyncapi} on the management interface, beside /q/health and /q/metrics:
 * the port that compose and k8s never publish. Built at the first request rather than at start-up, when every
 * server has bound its port (TCP's may be picked at random), then kept: what a service serves does not change while
 * it runs.
 */
@Singleton
public class AsyncApiEndpoint {

  private final AsyncApiDocument document;
  private final ObjectMapper json;
  private final String root;
  private volatile String written;
  private volatile boolean started;

  AsyncApiEndpoint(AsyncApiDocument document, ObjectMapper json,
      @ConfigProperty(name = "quarkus.management.root-path", defaultValue = "/q") String root) {
    this.document = document;
    this.json = json;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  void register(@Observes ManagementInterface management) {
    // blocking: the first request indexes class files and runs SmallRye's scanner
    management.router().get(root + "/asyncapi").blockingHandler(request -> {
      if (!started) {
        // the management port can answer before the servers have bound theirs: a document now would be kept wrong
        request.response().setStatusCode(503).putHeader("retry-after", "1").end("starting");
        return;
      }
      request.response().putHeader("content-type", "application/json").end(text());
    });
  }

  /** After every other start-up observer, the transport servers' among them (TCP binds its port in one). */
  void started(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
    started = true;
  }

  /** The document as JSON text, built once. */
  String text() {
    String text = written;
    if (text == null) {
      synchronized (this) {
        if (written == null) {
          try {
            written = json.writerWithDefaultPrettyPrinter().writeValueAsString(document.build());
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        }
        text = written;
      }
    }
    return text;
  }
}
