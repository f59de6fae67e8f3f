package io.mdpop3j.maildir;

import io.mdpop3j.maildir.MaildirScanner.Found;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one listing by base name, to find those that share one. Open addressing over two int
 * arrays rather than a {@code HashMap}: no entry object per file, which made a listing of 100,000
 * names a fifth slower; the strings' hash codes, computed here, are cached for the size cache
 * lookups that follow.
 */
final class BaseNameTable {

  private final List<Found> files;
  private final int[] hashes;
  private final int[] indexPlusOne;
  private final int mask;

  /** A table for up to {@code capacity} files. */
  BaseNameTable(int capacity) {
    int size = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
    this.files = new ArrayList<>(capacity);
    this.hashes = new int[size];
    this.indexPlusOne = new int[size];
    this.mask = size - 1;
  }

  /** The file already added with {@code f}'s base name, else null; either way adds {@code f}. */
  Found add(Found f) {
    Found first = find(f.base, true);
    files.add(f);
    return first;
  }

  /** The first file added with base name {@code base}, or null. */
  Found first(String base) {
    return find(base, false);
  }

  private Found find(String base, boolean insert) {
    int h = base.hashCode();
    for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      int at = indexPlusOne[slot];
      if (at == 0) {
        if (insert) {
          hashes[slot] = h;
          indexPlusOne[slot] = files.size() + 1;
        }
        return null;
      }
      if (hashes[slot] == h) {
        Found other = files.get(at - 1);
        if (other.base.equals(base)) {
          return other;
        }
      }
    }
  }

  /** The files added, in order. */
  List<Found> files() {
    return files;
  }
}
