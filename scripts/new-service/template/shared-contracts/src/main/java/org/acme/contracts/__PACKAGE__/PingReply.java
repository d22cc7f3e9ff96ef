package org.acme.contracts.__PACKAGE__;

/** The answer to {@code {cmd:'ping'}}: the caller's message, and which service answered. */
public record PingReply(String message, String service) {
}
