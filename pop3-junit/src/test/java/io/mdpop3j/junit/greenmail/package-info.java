/**
 * GreenMail's own POP3 test cases, ported to {@link io.mdpop3j.junit.Pop3Extension} as a migrating
 * team would port theirs: each class names the GreenMail test class whose checks it carries over,
 * and each test says what it checks in our words. Where GreenMail sends through SMTP first, these
 * tests deliver straight into the mailbox, since mdpop3j is a POP3 server only; where it reads with
 * IMAP, they read with POP3. XOAUTH2 is ported with the extension's own tokens ({@code
 * withOAuth()}, {@code issueToken}). Not ported: the SMTP-only examples (delivery handlers, bounce
 * messages).
 */
package io.mdpop3j.junit.greenmail;
