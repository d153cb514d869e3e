package io.onramp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class WebhookSenderTest {

  final WebhookSender behindIngress = new WebhookSender(List.of("10.42.0.0/16", "127.0.0.1/32"));

  @Test
  void shouldTakeTheAddressTheTrustedIngressForwarded() {
    assertThat(behindIngress.of(from("10.42.3.7", "54.174.53.218"))).isEqualTo("54.174.53.218");
    assertThat(behindIngress.of(from("10.42.3.7", "203.0.113.9, 54.174.53.218"))).as("the hop the ingress saw, not what the client claimed")
        .isEqualTo("54.174.53.218");
    assertThat(behindIngress.of(from("10.42.3.7", "203.0.113.9, 10.42.9.9"))).as("proxies inside are skipped").isEqualTo("203.0.113.9");
  }

  @Test
  void shouldIgnoreAForwardedHeaderFromAnyoneElse() {
    assertThat(behindIngress.of(from("198.51.100.4", "54.174.53.218"))).isEqualTo("198.51.100.4");
    assertThat(new WebhookSender(List.of()).of(from("10.42.3.7", "54.174.53.218"))).as("no trusted proxies: the peer").isEqualTo("10.42.3.7");
  }

  @Test
  void shouldTreatAForwardedValueThatIsNoAddressAsTheSenderWithoutLookingItUp() {
    assertThat(behindIngress.of(from("10.42.3.7", "evil.example"))).isEqualTo("evil.example");
    assertThat(behindIngress.of(from("10.42.3.7", ""))).isEqualTo("10.42.3.7");
  }

  private static MockServerHttpRequest from(String peer, String forwardedFor) {
    return MockServerHttpRequest.post("/webhooks/hubspot").remoteAddress(new InetSocketAddress(peer, 44321))
        .header("X-Forwarded-For", forwardedFor).build();
  }
}
