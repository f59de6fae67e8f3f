/**
 * Rules of the POP3 wire format that stores, authenticators and tests share with the server: the
 * RFC 1939 size of a message, what a unique-id may contain, and which user names a login may carry.
 */
package io.mdpop3j.core.wire;
