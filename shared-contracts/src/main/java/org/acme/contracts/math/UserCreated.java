package org.acme.contracts.math;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/** The {@code user_created} event. */
public record UserCreated(@NotBlank String userId, @Email String email) {
}
