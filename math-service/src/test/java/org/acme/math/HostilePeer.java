package org.acme.math;

import java.util.List;
import java.util.function.Consumer;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.testing.FuzzFrames;

/** One transport's raw peer in {@link MathFuzzTests}: it sends the hostile frames and hands over what comes back. */
interface HostilePeer {

  List<String> ROUTES = List.of(MathPatterns.SUM, MathPatterns.ROLE_SUM, MathPatterns.MULTIPLY, MathPatterns.COUNT,
      MathPatterns.PROTECTED, MathPatterns.DATA, MathPatterns.GET_DATA, MathPatterns.USERS_SEEN, MathPatterns.USER_CREATED);

  /** tcp, redis, ...: the client {@code math-<transport>} asks the valid requests. */
  String transport();

  /** The routes aimed at, as this transport names them ({@code {cmd:'never'}} is not one: it holds a place by design). */
  default List<String> routes() {
    return ROUTES;
  }

  default String sumPattern() {
    return MathPatterns.SUM;
  }

  /** Connects, and from now on hands every reply to a hostile frame to {@code replies}: a Nest reply body. */
  void open(FuzzFrames fuzz, Consumer<String> replies) throws Exception;

  /** Sends one hostile frame or message, not waiting for the service to handle it. */
  void sendHostile() throws Exception;

  /** Disconnects, and checks what only this transport can (nothing reflected elsewhere, no connection left hanging). */
  void close() throws Exception;
}
