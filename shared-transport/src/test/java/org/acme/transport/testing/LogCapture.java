package org.acme.transport.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines one logger (a class, or a category and everything under it) writes while a test runs, so a test can
 * check what a service reported: bad input dropped, a saga taken up by the sweep. A Quarkus test runs its service in
 * the test's JVM, so its log records pass here.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  /** Each line's MDC as it was when written (trace and span ids, which a JSON log line carries). */
  private final Map<String, Map<String, String>> mdc = new ConcurrentHashMap<>();

  private LogCapture(String category, Level least) {
    this.logger = Logger.getLogger(category);
    setLevel(least);
    logger.addHandler(this);
  }

  public static LogCapture of(Class<?> source) {
    return new LogCapture(source.getName(), Level.ALL);
  }

  public static LogCapture of(String category) {
    return new LogCapture(category, Level.ALL);
  }

  /** Every ERROR from anywhere in this JVM (a Quarkus test runs its service in it): an unexpected failure says so there. */
  public static LogCapture errors() {
    return new LogCapture("", Level.SEVERE);
  }

  public List<String> lines() {
    return lines;
  }

  /** The MDC of the first line that contains the text, when one does. */
  public Optional<Map<String, String>> mdcOf(String text) {
    return lines.stream().filter(line -> line.contains(text)).findFirst().map(line -> mdc.getOrDefault(line, Map.of()));
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String line = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    String written = record.getThrown() == null ? line : line + " [" + record.getThrown() + "]";
    if (record instanceof ExtLogRecord ext) {
      mdc.putIfAbsent(written, Map.copyOf(ext.getMdcCopy()));
    }
    lines.add(written);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
