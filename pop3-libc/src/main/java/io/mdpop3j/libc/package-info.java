/**
 * The C library's account database through JNA: {@link io.mdpop3j.libc.PasswdDatabase} for {@code
 * getpwnam_r(3)}, and {@link io.mdpop3j.libc.ReentrantLookup} for any lookup of the same shape
 * ({@code getspnam_r(3)}). One binding, so that the authenticators that need a passwd entry share
 * its structure layout and its error handling.
 */
package io.mdpop3j.libc;
