package org.acme.contracts.math;

/**
 * What {@code {cmd:'admin'}} answers a caller with the admin role.
 *
 * @param message always "Admin data"
 * @param caller the caller's subject, as the gateway authenticated it
 */
public record AdminData(String message, String caller) {
}
