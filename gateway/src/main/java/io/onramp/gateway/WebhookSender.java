package io.onramp.gateway;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Who really sent a request. The connection's peer, unless that peer is one of the trusted proxies
 * ({@code onramp.gateway.trusted-proxies}, CIDRs: the ingress controller's pods) — then the
 * {@code X-Forwarded-For} chain is read from the right, skipping trusted proxies, and the first address
 * that is not one of them is the sender. A forwarded header from anyone else is ignored: a caller cannot
 * name its own sender address.
 */
final class WebhookSender {

  /** Only IP literals: a name is never looked up (no DNS on a caller's say-so). */
  private static final Pattern LITERAL = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$");

  private record Cidr(byte[] network, int bits) {
    static Cidr of(String text) {
      String[] parts = text.split("/", 2);
      byte[] network = literal(parts[0]);
      if (network == null) {
        throw new IllegalArgumentException("onramp.gateway.trusted-proxies: '" + text + "' is not an address or CIDR");
      }
      return new Cidr(network, parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Cidr> trusted;

  WebhookSender(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::of).toList();
  }

  private static byte[] literal(String address) {
    if (!LITERAL.matcher(address).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException notAnAddress) {
      return null;
    }
  }

  String of(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
    for (int i = forwarded.size() - 1; i >= 0; i--) {
      String hop = forwarded.get(i).trim();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));   // no address: the sender itself
  }
}
