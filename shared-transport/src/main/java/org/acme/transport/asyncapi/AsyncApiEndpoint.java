package org.acme.transport.asyncapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.event.Observes;
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

  AsyncApiEndpoint(AsyncApiDocument document, ObjectMapper json,
      @ConfigProperty(name = "quarkus.management.root-path", defaultValue = "/q") String root) {
    this.document = document;
    this.json = json;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  void register(@Observes ManagementInterface management) {
    // blocking: the first request indexes class files and runs SmallRye's scanner
    management.router().get(root + "/asyncapi").blockingHandler(request -> request.response()
        .putHeader("content-type", "application/json").end(text()));
  }

  /** The document as JSON text, built once. */
  public String text() {
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
