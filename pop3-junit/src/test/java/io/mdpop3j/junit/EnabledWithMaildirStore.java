package io.mdpop3j.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only when pop3-maildir on the class path has its code. A pop3-maildir jar
 * without classes (a module skeleton, before the store was merged) disables the class with a
 * reason; a jar with the classes but no registered provider does not, so that fault fails loudly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MaildirStoreCondition.class)
public @interface EnabledWithMaildirStore {}
