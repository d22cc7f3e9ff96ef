package org.acme.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a shared broker that a test can cut: {@link #down()} drops every connection and
 * refuses new ones until {@link #up()}. It proves reconnection against a broker the test must not restart (the
 * machine's RabbitMQ, say), which is what a network failure looks like from the service's side.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean down;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Drops every proxied connection now and refuses new ones. */
  public void down() {
    down = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  public void up() {
    down = false;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket inbound = listener.accept();
        if (down) {
          closeQuietly(inbound);
          continue;
        }
        Socket outbound = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(inbound);
        open.add(outbound);
        Thread.ofVirtual().start(() -> pump(inbound, outbound));
        Thread.ofVirtual().start(() -> pump(outbound, inbound));
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  /** Copies one direction; when either side ends, both sockets close, as a broken link would leave them. */
  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException ended) {
      // a cut or a close
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    down();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
