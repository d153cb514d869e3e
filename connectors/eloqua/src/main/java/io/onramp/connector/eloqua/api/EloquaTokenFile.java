package io.onramp.connector.eloqua.api;

import io.onramp.connector.sync.VendorError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * Where Eloqua's rotating refresh token outlives the process: every refresh returns a new one and the old one dies,
 * so Spring Security's authorized client is kept in memory and each new refresh token is written, atomically, to an
 * owner-only file ({@code <hash of the environment's token> <latest token>}). A restart continues from the file
 * unless the environment now names a different first token (the operator replaced it).
 */
final class EloquaTokenFile implements OAuth2AuthorizedClientService {

  private static final Logger log = LoggerFactory.getLogger(EloquaTokenFile.class);

  private final Path file;
  private final String configured;
  private final OAuth2AuthorizedClientService memory;
  private String written;

  EloquaTokenFile(Path file, String configured, ClientRegistration registration) {
    this.file = file;
    this.configured = blank(configured) ? null : configured;
    this.memory = new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(registration));
  }

  /** The refresh token to start from: the stored one, unless the environment names a new first token; else none. */
  String latest() {
    String[] stored = stored();
    if (stored != null && (configured == null || stored[0].equals(hash(configured)))) {
      written = stored[1];
      return stored[1];
    }
    return configured;
  }

  @Override
  public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principalName) {
    return memory.loadAuthorizedClient(registrationId, principalName);
  }

  @Override
  public synchronized void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
    memory.saveAuthorizedClient(client, principal);
    String rotated = client.getRefreshToken() == null ? null : client.getRefreshToken().getTokenValue();
    if (rotated != null && !rotated.equals(written) && !rotated.equals(configured)) {
      write(rotated);
      written = rotated;
    }
  }

  @Override
  public void removeAuthorizedClient(String registrationId, String principalName) {
    memory.removeAuthorizedClient(registrationId, principalName);
  }

  private String[] stored() {
    try {
      if (file == null || !Files.isRegularFile(file)) {
        return null;
      }
      String[] parts = Files.readString(file).strip().split(" ", 2);
      return parts.length == 2 ? parts : null;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the Eloqua token file " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(String rotated) {
    if (file == null) {
      log.warn("Eloqua refresh token rotated but onramp.eloqua.token-file is not set: a restart will need a new token");
      return;
    }
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, ".eloqua-token", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the directory's own protection applies
      }
      Files.writeString(temp, (configured == null ? "-" : hash(configured)) + " " + rotated);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new VendorError(VendorError.Kind.AUTH, 0, "cannot keep the rotated Eloqua refresh token in " + file + ": " + e.getMessage());
    }
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
