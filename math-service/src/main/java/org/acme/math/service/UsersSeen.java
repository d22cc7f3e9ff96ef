package org.acme.math.service;

import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The user ids the {@code user_created} events delivered, per transport; the newest 1000 of each. */
@Singleton
public class UsersSeen {

  private static final int KEEP = 1000;
  private final Map<String, Deque<String>> byTransport = new ConcurrentHashMap<>();

  public void record(String transport, String userId) {
    Deque<String> ids = byTransport.computeIfAbsent(transport, t -> new ArrayDeque<>());
    synchronized (ids) {
      ids.addLast(userId);
      if (ids.size() > KEEP) {
        ids.removeFirst();
      }
    }
  }

  public List<String> on(String transport) {
    Deque<String> ids = byTransport.getOrDefault(transport, new ArrayDeque<>());
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }
}
