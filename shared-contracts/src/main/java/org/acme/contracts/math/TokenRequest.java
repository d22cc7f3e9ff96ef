package org.acme.contracts.math;

/** The data of {@code {cmd:'protected'}}: the token the guard checks. */
public record TokenRequest(String token) {
}
