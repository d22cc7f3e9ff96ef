package org.acme.gateway.heroes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code data:} lines of a server-sent-events body. */
final class SseEvents {

  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private SseEvents() {
  }

  /** The data lines of an event stream read to its end, including an abrupt end (the peer closed it). */
  static List<String> read(URI url) {
    List<String> data = new ArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      client.send(request, BodyHandlers.ofLines()).body().filter(line -> line.startsWith("data:")).forEach(data::add);
    } catch (IOException | UncheckedIOException e) {
      // The gateway closed the stream early; what arrived before counts.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return data;
  }

  static List<String> dataLines(String body) {
    return Arrays.stream(body.split("\n")).filter(line -> line.startsWith("data:")).map(line -> line.substring(5).strip()).toList();
  }

  static List<Integer> ids(String body) {
    return dataLines(body).stream().map(data -> {
      Matcher id = ID.matcher(data);
      if (!id.find()) {
        throw new AssertionError("no id in event data " + data);
      }
      return Integer.parseInt(id.group(1));
    }).toList();
  }
}
