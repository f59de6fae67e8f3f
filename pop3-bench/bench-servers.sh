# Shared by run.sh, login-vs-idle.sh and profile-commands.sh (sourced): Dovecot's private
# configuration and the wait for a server's greeting. They read WORK (where the instance lives),
# PASSWD (the users) and use log().

dovecot_conf() { # name port tuned
  local dir="$WORK/run/$1"
  mkdir -p "$dir"
  cat > "$dir/dovecot.conf" <<EOF
# Private Dovecot instance for the benchmark ($1): loopback only, passwd-file users.
base_dir = $dir/base
state_dir = $dir/state
instance_name = mdpop3j-bench-$1
protocols = pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
log_path = $dir/dovecot.log
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = dovecot
default_login_user = dovenull
default_process_limit = 12000
default_client_limit = 30000
default_vsz_limit = 1G
passdb {
  driver = passwd-file
  args = scheme=PLAIN $PASSWD
}
userdb {
  driver = passwd-file
  args = $PASSWD
}
protocol pop3 {
  mail_max_userip_connections = 100000
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $2
  }
  inet_listener pop3s {
    port = 0
  }
$(if [[ $3 == tuned ]]; then printf '  service_count = 0\n  process_min_avail = 2\n'; fi)
}
service pop3 {
  process_limit = 12000
$(if [[ $3 == tuned ]]; then printf '  service_count = 0\n  process_min_avail = 2\n'; fi)
}
service anvil {
  client_limit = 30000
}
service auth {
  client_limit = 30000
}
EOF
  echo "$dir/dovecot.conf"
}

wait_greeting() { # port
  for _ in $(seq 1 300); do
    if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; head -c 3 <&3" 2>/dev/null | grep -q '+OK'; then
      return 0
    fi
    sleep 0.2
  done
  log "no greeting on port $1"
  return 1
}
