package io.mdpop3j.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Parses the message-number arguments of LIST, RETR, DELE, TOP and UIDL, with the replies Dovecot
 * gives for each mistake.
 */
final class MessageNumbers {
  /** A parsed message index, or the error reply. */
  record Parsed(int index, Reply error) {
    boolean ok() {
      return error == null;
    }
  }

  private MessageNumbers() {}

  /**
   * The 0-based index of the one message {@code argument} names (RETR, DELE, LIST n, UIDL n): it
   * must be a single number of an existing message not marked deleted.
   */
  static Parsed single(ProtocolSession session, String argument) {
    String[] tokens = tokens(argument);
    if (tokens.length > 1) {
      return new Parsed(-1, Reply.err("Noise after message number: " + printable(tokens[1])));
    }
    return existing(session, tokens.length == 0 ? "" : tokens[0]);
  }

  /**
   * LIST and UIDL: without an argument, one line {@code number value} per undeleted message; with
   * one, that message's line as a single-line reply.
   */
  static Action listing(
      ProtocolSession session, String argument, String header, IntFunction<String> value) {
    if (tokens(argument).length == 0) {
      List<String> lines = new ArrayList<>(session.mailboxView().liveCount());
      for (int i = 0; i < session.mailboxView().messageCount(); i++) {
        if (!session.mailboxView().isDeleted(i)) {
          String v = value.apply(i);
          lines.add((i + 1) + " " + v);
        }
      }
      return Action.send(Reply.okLines(header, lines));
    }
    Parsed parsed = single(session, argument);
    if (!parsed.ok()) {
      return Action.send(parsed.error());
    }
    return Action.send(Reply.ok((parsed.index() + 1) + " " + value.apply(parsed.index())));
  }

  /**
   * The 0-based index of the message named by {@code token}, which must exist and not be deleted.
   */
  static Parsed existing(ProtocolSession session, String token) {
    if (token.isEmpty()) {
      return new Parsed(-1, Reply.err("Message number missing."));
    }
    long number = parseNumber(token);
    if (number < 0) {
      return new Parsed(-1, Reply.err("Invalid message number: " + printable(token)));
    }
    if (number == 0 || number > session.mailboxView().messageCount()) {
      return new Parsed(-1, Reply.err("There's no message " + number + "."));
    }
    int index = (int) number - 1;
    if (session.mailboxView().isDeleted(index)) {
      return new Parsed(-1, Reply.err("Message is deleted."));
    }
    return new Parsed(index, null);
  }

  /** A non-negative decimal number of at most 18 digits, or -1. */
  static long parseNumber(String token) {
    if (token.isEmpty() || token.length() > 18) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /**
   * The arguments split on spaces. RFC 1939 asks for single spaces; runs of spaces and trailing
   * ones are forgiven, so that {@code RETR 1} is not mistaken for noise.
   */
  static String[] tokens(String argument) {
    String trimmed = argument.strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" +");
  }

  /** {@code text} made safe to echo in a reply: printable ASCII, at most 40 characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 40; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
