package io.mdpop3j.core.protocol;

/** What the session does with the client's next line while an AUTH exchange waits for it. */
@FunctionalInterface
interface SaslContinuation {
  Action onResponse(ProtocolSession session, String line);
}
