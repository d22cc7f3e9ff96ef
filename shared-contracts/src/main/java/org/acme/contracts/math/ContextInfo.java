package org.acme.contracts.math;

/** The answer of {@code {cmd:'get_data'}}: the route that matched and the transport that carried it. */
public record ContextInfo(boolean success, String pattern, String transport) {
}
