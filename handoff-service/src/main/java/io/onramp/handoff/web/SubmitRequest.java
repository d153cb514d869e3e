package io.onramp.handoff.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Optional body of a submit: an override hands over an incomplete handoff, with the reason on record. */
record SubmitRequest(@Valid Override override) {
  record Override(@NotBlank @Size(min = 10, max = 2000) String reason) {
  }
}
