package io.mdpop3j.auth.oauth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * A JSON Web Key Set read from a file, and read again when the file's modification time, size or
 * identity changes, so keys rotate by replacing the file (write a new one and rename it over the
 * old). Only public keys are used: private and symmetric keys in the file are ignored.
 */
final class KeySetFile implements JWKSource<SecurityContext> {

  /** A key set larger than this is no key set (RFC 7517 sets are a few kilobytes). */
  static final long MAX_SIZE = 1024 * 1024;

  /** What identifies one version of the file: a rename over it changes the file key (inode). */
  private record Version(Object fileKey, FileTime modified, long size) {
    static Version of(BasicFileAttributes attributes) {
      return new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
  }

  private record Snapshot(Version version, JWKSet keys) {}

  private final Path path;
  private volatile Snapshot snapshot;

  /**
   * Reads {@code path} now.
   *
   * @throws IOException when it cannot be read or is no key set
   */
  KeySetFile(Path path) throws IOException {
    this.path = path;
    this.snapshot = read();
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    return selector.select(current());
  }

  private JWKSet current() throws KeySourceException {
    Snapshot known = snapshot;
    try {
      BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
      if (Version.of(now).equals(known.version())) {
        return known.keys();
      }
      Snapshot fresh = read();
      snapshot = fresh;
      return fresh.keys();
    } catch (IOException e) {
      throw new KeySourceException(
          "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  private Snapshot read() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (attributes.size() > MAX_SIZE) {
      throw new IOException("larger than " + MAX_SIZE + " bytes");
    }
    String json = Files.readString(path, StandardCharsets.UTF_8);
    try {
      JWKSet keys = JWKSet.parse(json).toPublicJWKSet();
      return new Snapshot(Version.of(attributes), keys);
    } catch (ParseException e) {
      throw new IOException("not a JSON Web Key Set (RFC 7517): " + e.getMessage(), e);
    }
  }
}
