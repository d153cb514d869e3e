package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EloquaErrorsTest {

  @Test
  void shouldNameFieldValueAndRequirementWhetherEloquaSendsAnArrayOrASingleError() {
    VendorError array = EloquaErrors.of(400, """
        [{"type":"ObjectValidationError","container":{"type":"ObjectKey","objectType":"Contact"},"property":"emailAddress",
          "requirement":{"type":"EmailAddressRequirement"},"value":"nope"},
         {"type":"ObjectValidationError","property":"C_Onboarding_Stage1","requirement":{"type":"StringLengthRequirement",
          "constraint":"maximum 100"},"value":"x"}]""");
    VendorError single = EloquaErrors.of(400, """
        {"type":"ObjectValidationError","property":"name","requirement":{"type":"NotBlankRequirement"},"value":""}""");

    assertThat(array.kind()).isEqualTo(VendorError.Kind.REJECTED);
    assertThat(array.getMessage()).isEqualTo("Eloqua 400: emailAddress = 'nope' fails EmailAddressRequirement on Contact; "
        + "C_Onboarding_Stage1 = 'x' fails StringLengthRequirement (maximum 100)");
    assertThat(single.getMessage()).isEqualTo("Eloqua 400: name = '' fails NotBlankRequirement");
  }

  @Test
  void shouldClassifyThrottlingOutagesAndAuth() {
    assertThat(EloquaErrors.of(429, "").kind()).isEqualTo(VendorError.Kind.RATE_LIMITED);
    assertThat(EloquaErrors.of(503, "<html>Service Unavailable</html>").kind()).isEqualTo(VendorError.Kind.UNAVAILABLE);
    assertThat(EloquaErrors.of(401, "Not authenticated").kind()).isEqualTo(VendorError.Kind.AUTH);
    assertThat(EloquaErrors.of(400, "plain text").getMessage()).isEqualTo("Eloqua 400: plain text");
  }
}
