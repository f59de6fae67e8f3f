package io.mdpop3j.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Message files a test delivers: one file, or the {@code .eml} files of a folder. */
final class MessageFiles {

  private MessageFiles() {}

  /**
   * {@code fileOrFolder} itself, or the {@code .eml} files (any case) of the folder in file-name
   * order.
   *
   * @throws IllegalArgumentException when the path is missing or a folder holds no {@code .eml}
   */
  static List<Path> in(Path fileOrFolder) {
    if (Files.isRegularFile(fileOrFolder)) {
      return List.of(fileOrFolder);
    }
    if (!Files.isDirectory(fileOrFolder)) {
      throw new IllegalArgumentException(
          "no such message file or folder: " + fileOrFolder.toAbsolutePath());
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(fileOrFolder)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + fileOrFolder, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .eml files in the folder " + fileOrFolder);
    }
    return files;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the message file " + file, e);
    }
  }
}
