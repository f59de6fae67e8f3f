package io.mdpop3j.core.spi;

/** A provider setting is unknown or has a value the provider cannot use. */
public class InvalidSettingException extends IllegalArgumentException {
  /** Creates an exception whose message names the setting, the value and what would be right. */
  public InvalidSettingException(String message) {
    super(message);
  }
}
