package org.acme.transport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line tool a test drives (rabbitmqctl, redis-cli, mosquitto_passwd, kill): run, waited for, checked. */
public final class Commands {

  private Commands() {
  }

  /** How a command ended: its exit status and what it printed. */
  public record Outcome(int exitValue, String output) {
  }

  /** Runs the command to its end (30 s at most) and returns what it printed; fails with that output if it failed. */
  public static String run(List<String> command) {
    Outcome outcome = attempt(command);
    if (outcome.exitValue() != 0) {
      throw new IllegalStateException(command.get(0) + " failed: " + outcome.output());
    }
    return outcome.output();
  }

  /** Runs the command to its end (30 s at most), whatever its exit status. */
  public static Outcome attempt(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not end within 30 s: " + output);
      }
      return new Outcome(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(command.get(0) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String run(String... command) {
    return run(List.of(command));
  }
}
