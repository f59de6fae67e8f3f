package io.mdpop3j.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link EnabledWithMaildirStore}. */
final class MaildirStoreCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    try {
      Class.forName("io.mdpop3j.maildir.MaildirStore", false, getClass().getClassLoader());
      return ConditionEvaluationResult.enabled("pop3-maildir is on the class path");
    } catch (ClassNotFoundException e) {
      return ConditionEvaluationResult.disabled(
          "pop3-maildir on the class path has no Maildir store yet (an empty module skeleton)");
    }
  }
}
