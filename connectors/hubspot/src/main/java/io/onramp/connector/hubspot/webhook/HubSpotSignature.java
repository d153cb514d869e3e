package io.onramp.connector.hubspot.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HubSpot webhook signatures. v3: Base64(HMAC-SHA256(secret, method + uri + body + timestamp))
 * with the timestamp no older than the allowed age. v1: hex(SHA-256(secret + body)), no timestamp,
 * accepted only when configured. Compared in constant time over the raw bytes.
 */
public class HubSpotSignature {

  public enum Verdict { VALID, MISSING, EXPIRED, MISMATCH, V1_NOT_ACCEPTED }

  private final byte[] secret;
  private final boolean acceptV1;
  private final Duration maxAge;
  private final Clock clock;

  public HubSpotSignature(String secret, boolean acceptV1, Duration maxAge, Clock clock) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("onramp.hubspot.webhook.client-secret (ONRAMP_HUBSPOT_CLIENT_SECRET) must be set to verify webhooks");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.acceptV1 = acceptV1;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public Verdict verifyV3(String method, String uri, byte[] body, String timestamp, String signature) {
    if (signature == null || timestamp == null) {
      return Verdict.MISSING;
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.MISMATCH;
    }
    Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
    if (age.compareTo(maxAge) > 0 || age.compareTo(Duration.ofMinutes(-1)) < 0) {
      return Verdict.EXPIRED;
    }
    byte[] expected = Base64.getEncoder().encode(hmac(concat((method + uri).getBytes(StandardCharsets.UTF_8), body,
        timestamp.trim().getBytes(StandardCharsets.UTF_8))));
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8)) ? Verdict.VALID : Verdict.MISMATCH;
  }

  public Verdict verifyV1(byte[] body, String signature) {
    if (!acceptV1) {
      return Verdict.V1_NOT_ACCEPTED;
    }
    if (signature == null) {
      return Verdict.MISSING;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(concat(secret, body));
      byte[] expected = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.UTF_8);
      return MessageDigest.isEqual(expected, signature.trim().toLowerCase().getBytes(StandardCharsets.UTF_8))
          ? Verdict.VALID : Verdict.MISMATCH;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) length += p.length;
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
