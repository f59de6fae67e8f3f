package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.CommandTable;
import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.MailStore;
import java.time.Duration;
import java.util.Map;

/** What every connection of one server shares. */
record SessionSettings(
    ProtocolSettings protocol,
    CommandTable commands,
    Authenticator authenticator,
    MailStore store,
    TlsPolicy tls,
    boolean offerStls,
    Duration idleTimeout,
    Duration loginTimeout,
    Duration writeTimeout,
    boolean commitOnError,
    boolean quiet,
    boolean logCommands,
    SessionListener listener,
    Map<String, String> attributes) {}
