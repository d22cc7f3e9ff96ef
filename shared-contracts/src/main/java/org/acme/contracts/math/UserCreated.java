package org.acme.contracts.math;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The {@code user_created} event. Sizes bounded: math-service keeps the newest user ids it was told of, so an id of a
 * megabyte would make that memory a gigabyte.
 */
public record UserCreated(@NotBlank @Size(max = 128) String userId, @Email @Size(max = 254) String email) {
}
