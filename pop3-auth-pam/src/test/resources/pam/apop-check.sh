#!/bin/sh
# A site's APOP check, as docs/auth-pam.md describes it. mdpop3j hands PAM the password
# "APOP <digest> <timestamp>" (RFC 1939 section 7); pam_exec with expose_authtok writes it to
# stdin, NUL-terminated, and puts the user in PAM_USER. Succeeds when the digest is the MD5 of the
# timestamp followed by the user's secret from SECRETS-FILE ("user secret" lines).
# Usage in a stack: pam_exec.so quiet expose_authtok /bin/sh apop-check.sh SECRETS-FILE
PATH=/usr/bin:/bin
secrets=$1
set -f
input=$(tr -d '\000')
# shellcheck disable=SC2086 # split the three words on purpose
set -- $input
[ "$#" -eq 3 ] && [ "$1" = APOP ] || exit 1
digest=$2
timestamp=$3
secret=$(awk -v u="$PAM_USER" '$1 == u { print $2; exit }' "$secrets")
[ -n "$secret" ] || exit 1
expected=$(printf '%s%s' "$timestamp" "$secret" | md5sum | cut -d' ' -f1)
[ "$digest" = "$expected" ]
