package org.acme.contracts.math;

import java.util.Map;

/**
 * The answer of {@code {cmd:'get_data'}}: the route that matched, the transport that carried it, and the metadata the
 * sender put beside the data (Nest 12's packet metadata, or the transport's headers).
 */
public record ContextInfo(boolean success, String pattern, String transport, Map<String, String> metadata) {
}
