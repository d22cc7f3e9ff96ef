package org.acme.contracts.__PACKAGE__;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The data of {@code {cmd:'ping'}}: bounded, as every input is (a missing or blank message is the caller's 400). */
public record PingRequest(@NotBlank @Size(max = 1000) String message) {
}
