package org.acme.transport.testing;

import java.util.List;
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

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String line = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    lines.add(record.getThrown() == null ? line : line + " [" + record.getThrown() + "]");
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
