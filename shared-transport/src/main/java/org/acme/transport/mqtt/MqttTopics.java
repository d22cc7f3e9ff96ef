package org.acme.transport.mqtt;

/** MQTT topic-filter matching, with {@code +}, {@code #} and the {@code $share/<group>/} prefix. */
public final class MqttTopics {

  /** The start of a shared subscription's filter: {@code $share/<group>/<filter>}. */
  public static final String SHARE_PREFIX = "$share/";

  private MqttTopics() {
  }

  /** The filter without a shared-subscription prefix: {@code $share/g/a/b} becomes {@code a/b}. */
  public static String unshared(String filter) {
    if (filter.startsWith(SHARE_PREFIX)) {
      int slash = filter.indexOf('/', SHARE_PREFIX.length());
      return slash < 0 ? filter : filter.substring(slash + 1);
    }
    return filter;
  }

  /** Whether a filter holds a wildcard level ({@code +} or {@code #}). */
  public static boolean isWildcard(String filter) {
    for (String level : unshared(filter).split("/", -1)) {
      if (level.equals("+") || level.equals("#")) {
        return true;
      }
    }
    return false;
  }

  public static boolean matches(String filter, String topic) {
    String[] f = unshared(filter).split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
