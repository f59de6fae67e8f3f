package io.mdpop3j.examples.launcher;

/** What one run of mdpop3d does; when options ask for several, the first in this order wins. */
public enum LaunchMode {
  /** {@code -h}, {@code --help}: print the options and exit. */
  HELP,
  /**
   * {@code --cds-training}: run one scripted session and exit, so that {@code bin/mdpop3d} can
   * record an AppCDS archive or AOT cache of the classes a session loads.
   */
  CDS_TRAINING,
  /** {@code -V}, {@code --version}: print the version and the available plug-ins. */
  VERSION,
  /** {@code --demo}: serve a temporary Maildir on 127.0.0.1 (or the {@code --listen} address). */
  DEMO,
  /** {@code --listen}, {@code --listen-tls}: a standalone daemon. */
  DAEMON,
  /** {@code -a} or {@code -u}: one session straight in TRANSACTION for the calling user. */
  PREAUTHENTICATED,
  /** No mode option: one session on the inherited socket or on stdin/stdout. */
  INETD
}
