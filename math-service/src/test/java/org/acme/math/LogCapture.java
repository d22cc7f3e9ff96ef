package org.acme.math;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The log lines one class writes while a test runs, so a test can check that bad input was reported. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture(Class<?> source) {
    this.logger = Logger.getLogger(source.getName());
    logger.addHandler(this);
  }

  static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
