package org.acme.contracts.math;

/** The answer of {@code {cmd:'protected'}} once the guard lets a request through. */
public record ProtectedData(String message) {
}
