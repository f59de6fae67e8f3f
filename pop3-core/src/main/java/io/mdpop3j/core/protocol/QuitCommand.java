package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.UpdateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** QUIT (RFC 1939 sections 5 and 6): in TRANSACTION, runs the UPDATE state. */
final class QuitCommand implements CommandHandler {

  private static final Logger log = LoggerFactory.getLogger(QuitCommand.class);

  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    if (session.state() != State.TRANSACTION) {
      session.markQuit();
      return Action.close(Reply.ok("Logging out."));
    }
    boolean anyDeleted = session.mailboxView().anyDeleted();
    try {
      UpdateResult result = session.update();
      if (!result.complete()) {
        int n = result.notRemoved().size();
        return Action.close(
            Reply.err(
                result.temporary() ? ResponseCode.SYS_TEMP : ResponseCode.SYS_PERM,
                n + (n == 1 ? " message" : " messages") + " could not be deleted."));
      }
      return Action.close(Reply.ok(anyDeleted ? "Logging out, messages deleted." : "Logging out."));
    } catch (MailStoreException e) {
      log.warn(
          "update failed: {}{}",
          e.getMessage(),
          e.getCause() == null ? "" : " (" + e.getCause() + ")");
      return Action.close(Reply.err(Login.codeOf(e.kind()), Login.textOf(e)));
    } catch (RuntimeException e) {
      log.error("update failed", e);
      return Action.close(Reply.err(ResponseCode.SYS_TEMP, "Messages could not be deleted."));
    } finally {
      session.closeMailbox();
    }
  }
}
