package io.mdpop3j.examples.logging;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import org.slf4j.event.Level;

/** Logs through the C library's syslog(3), facility {@code LOG_MAIL}, as mdpop3d does. */
public final class LibcSyslog implements LogSink {
  /** {@code LOG_MAIL} from {@code <syslog.h>}: 2 << 3. */
  static final int LOG_MAIL = 2 << 3;

  private static final int LOG_PID = 0x01;
  private static final int LOG_NDELAY = 0x08;
  private static final int LOG_ERR = 3;
  private static final int LOG_WARNING = 4;
  private static final int LOG_INFO = 6;
  private static final int LOG_DEBUG = 7;

  /** The part of libc this sink calls. */
  interface Syslog extends Library {
    void openlog(Memory ident, int option, int facility);

    void syslog(int priority, String format, Object... args);
  }

  private final Syslog libc;
  // openlog(3) keeps the pointer, so the ident must outlive every syslog call.
  private final Memory ident;

  private LibcSyslog(Syslog libc, Memory ident) {
    this.libc = libc;
    this.ident = ident;
  }

  /** Opens the log as {@code ident} with the pid in every line. */
  public static LibcSyslog open(String ident) {
    Syslog libc = Native.load("c", Syslog.class);
    byte[] name = ident.getBytes(StandardCharsets.US_ASCII);
    Memory memory = new Memory(name.length + 1L);
    memory.write(0, name, 0, name.length);
    memory.setByte(name.length, (byte) 0);
    // LOG_NDELAY connects to /dev/log now, before any privilege drop.
    libc.openlog(memory, LOG_PID | LOG_NDELAY, LOG_MAIL);
    return new LibcSyslog(libc, memory);
  }

  @Override
  public void write(Level level, String line) {
    // The line goes in as an argument of "%s", so a '%' in client text is never a directive.
    synchronized (ident) {
      libc.syslog(LOG_MAIL | priority(level), "%s", line);
    }
  }

  private static int priority(Level level) {
    return switch (level) {
      case ERROR -> LOG_ERR;
      case WARN -> LOG_WARNING;
      case INFO -> LOG_INFO;
      default -> LOG_DEBUG;
    };
  }
}
