package io.mdpop3j.examples.launcher;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The process-wide identity calls of the C library. glibc's setuid(2) wrappers change every thread
 * of the process; a raw system call would change one thread only and leave the JVM half-switched.
 */
interface UnixProcess extends Library {

  int getuid();

  int geteuid();

  int getgid();

  int getegid();

  int setuid(int uid);

  int setgid(int gid);

  int initgroups(String user, int group);

  int chdir(String path);

  /** The C library, loaded on first use. */
  static UnixProcess libc() {
    return Holder.LIBC;
  }

  /** Loads libc only when a login needs it, not at start-up. */
  final class Holder {
    static final UnixProcess LIBC = Native.load("c", UnixProcess.class);

    private Holder() {}
  }
}
