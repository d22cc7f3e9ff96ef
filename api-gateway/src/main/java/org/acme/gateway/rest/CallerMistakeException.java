package org.acme.gateway.rest;

/** The caller sent something the service refused as invalid: a 400, never a 500. */
public class CallerMistakeException extends RuntimeException {

  public CallerMistakeException(String message) {
    super(message);
  }
}
