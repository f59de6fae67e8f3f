#!/usr/bin/env bash
# The growth curves of docs/performance.md: how the open of a Maildir grows with its size, for our
# server (the launcher on the default java) and Dovecot, both started once and kept up.
#   first open: connect+login+STAT of N messages with ,S= and ,W= names, every index and cache
#               removed before (bigbox-w's first_open_s);
#   warm open:  N plain names in new/, no index or cache; one session moves them to cur/, the next
#               one's connect+login+STAT is timed (run.sh's warm-open, warm_open_s).
# Rounds run interleaved (each round goes through every size and both servers); the medians go to
# docs/perf-data/growth-{first,warm}-open.csv (series,x,y: server, N, seconds), the plots to
# docs/img/growth-{first,warm}-open.png, and every RESULT line to docs/perf-data/growth-results.txt.
#
#   pop3-bench/growth.sh      # needs pop3-bench/target/benchmarks.jar and the launcher's jar
#
# Knobs (environment): BENCH_WORK (/var/tmp/mdpop3j-bench/growth; the fixtures are made once there
# and reused: a million messages take minutes and about 4 GB per box), GROWTH_SIZES (1000 10000
# 100000 1000000), GROWTH_ROUNDS (3), GROWTH_BIG_ROUNDS (GROWTH_ROUNDS: rounds for sizes above
# 100000, where one round of both servers takes many minutes), RUN_TIMEOUT (600 s, the bound of
# every client run), GROWTH_OUT (the project root; CSVs and PNGs go below its docs/).
set -euo pipefail

export BENCH_WORK="${BENCH_WORK:-/var/tmp/mdpop3j-bench/growth}"
# The servers, users and resets of the comparison; sourced, run.sh only defines them.
# shellcheck source=pop3-bench/run.sh
source "$(dirname "$0")/run.sh"

SIZES="${GROWTH_SIZES:-1000 10000 100000 1000000}"
GROWTH_ROUNDS="${GROWTH_ROUNDS:-3}"
GROWTH_BIG_ROUNDS="${GROWTH_BIG_ROUNDS:-$GROWTH_ROUNDS}"
LOAD_TIMEOUT="${RUN_TIMEOUT:-600}"
OUT="${GROWTH_OUT:-$HERE}"
GROWTH_SERVERS="dovecot mdpop3j"
# Ports of their own, beside run.sh's 11110-11115.
PORT=([dovecot]=12000 [mdpop3j]=12001)

# One fixture root per size, $FIX/N, with the users bigbox-w and warm-open; the passwd-file the
# servers read names them first-N and warm-N, with their homes under $FIX/N.
fixtures() {
  local n root
  mkdir -p "$FIX"
  for n in $SIZES; do
    root="$FIX/$n"
    if [[ ! -f "$root/passwd" ]]; then # written last: its absence means an unfinished run
      log "generating $n messages twice (bigbox-w, warm-open) in $root"
      rm -rf "$root"
      timeout 3600 java -Xmx2g -cp "$JAR" io.mdpop3j.bench.data.FixtureGenerator "$root" \
        --uid $BENCH_UID --gid $BENCH_GID --boxes bigbox-w,warm-open --bigbox "$n" --warm "$n"
    fi
    if [[ ! -f "$root/expect-warm-open" ]]; then
      chown -R $BENCH_UID:$BENCH_GID "$root"
      load --scenario expect --expect-dir "$root/templates/bigbox-w/cur" > "$root/expect-bigbox-w"
      load --scenario expect --expect-dir "$root/templates/warm-open/new" > "$root/expect-warm-open"
    fi
    log "size $n: bigbox-w $(cat "$root/expect-bigbox-w"), warm-open $(cat "$root/expect-warm-open")"
  done
  for n in $SIZES; do
    sed -e "s/^bigbox-w:/first-$n:/" -e "s/^warm-open:/warm-$n:/" "$FIX/$n/passwd"
  done > "$PASSWD.tmp"
  mv "$PASSWD.tmp" "$PASSWD"
}

run_growth() { # round kind server n
  local round=$1 kind=$2 s=$3 n=$4 root="$FIX/$4" count octets
  local common=(--server "$s" --port "${PORT[$s]}" --server-pid "${PID[$s]}"
    --read-timeout-ms $((LOAD_TIMEOUT * 1000)))
  case $kind in
    first-open)
      FIX=$root reset_cold bigbox-w
      read -r count octets < "$root/expect-bigbox-w"
      load --scenario bigbox --label first-open "${common[@]}" --user "first-$n" \
        --expect-count "$count" --expect-octets "$octets" ||
        echo "RESULT scenario=$kind server=$s status=error exit=$? (124: over $LOAD_TIMEOUT s)" ;;
    warm-open)
      FIX=$root reset_warm warm-open
      read -r count octets < "$root/expect-warm-open"
      load --scenario warm-open "${common[@]}" --user "warm-$n" \
        --maildir "$root/home/warm-open/Maildir" --expect-count "$count" --expect-octets "$octets" ||
        echo "RESULT scenario=$kind server=$s status=error exit=$? (124: over $LOAD_TIMEOUT s)" ;;
  esac | sed -u "s/^RESULT /RESULT round=$round n=$n /" | tee -a "$RESULTS" || true
}

# The median of figure $2 in RESULT lines of scenario $1, per server and size, as series,x,y.
medians() { # scenario figure
  grep "^RESULT .* scenario=$1 .*status=ok" "$RESULTS" |
    sed -E "s/.* n=([0-9]+) .*server=([^ ]+) .* $2=([0-9.eE+-]+).*/\2 \1 \3/" |
    sort -k1,1 -k2,2n -k3,3g |
    awk 'function flush() { if (k) { m = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
           printf "%s,%s,%s\n", s, n, m } }
      BEGIN { print "series,x,y" }
      $1 " " $2 != k { flush(); k = $1 " " $2; s = $1; n = $2; c = 0 }
      { v[++c] = $3 }
      END { flush() }'
}

main() {
  fixtures
  RESULTS="$WORK/results-growth-$(date -u +%Y%m%d-%H%M%S).txt"
  {
    echo "# growth: sizes $SIZES, $GROWTH_ROUNDS rounds ($GROWTH_BIG_ROUNDS above 100000)," \
      "client runs bounded by $LOAD_TIMEOUT s"
    echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "# kernel: $(uname -r); $(java -version 2>&1 | head -1); $(dovecot --version | head -1)"
    echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$RESULTS"
  trap stop_all EXIT
  local s n round kind first
  for s in $GROWTH_SERVERS; do start_server "$s"; done
  # Untimed pass on the smallest size, so round 1 does not measure a JVM that never opened a box.
  first=${SIZES%% *}
  for s in $GROWTH_SERVERS; do
    for kind in first-open warm-open; do
      RESULTS=/dev/null run_growth 0 "$kind" "$s" "$first" >/dev/null
    done
  done
  local rounds=$GROWTH_ROUNDS
  ((GROWTH_BIG_ROUNDS > rounds)) && rounds=$GROWTH_BIG_ROUNDS
  for round in $(seq 1 "$rounds"); do
    for n in $SIZES; do
      if ((round > (n > 100000 ? GROWTH_BIG_ROUNDS : GROWTH_ROUNDS))); then continue; fi
      log "round $round, $n messages (load $(cut -d' ' -f1 /proc/loadavg))"
      for s in $GROWTH_SERVERS; do
        for kind in first-open warm-open; do run_growth "$round" "$kind" "$s" "$n"; done
      done
    done
  done
  stop_all
  trap - EXIT
  echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
  mkdir -p "$OUT/docs/perf-data" "$OUT/docs/img"
  cp "$RESULTS" "$OUT/docs/perf-data/growth-results.txt"
  medians first-open first_open_s > "$OUT/docs/perf-data/growth-first-open.csv"
  medians warm-open warm_open_s > "$OUT/docs/perf-data/growth-warm-open.csv"
  plot growth-first-open "First open: login+STAT, ,W= names, no index"
  plot growth-warm-open "Warm open: login+STAT after a session moved new/ to cur/"
  log "results: $RESULTS"
  cat "$OUT"/docs/perf-data/growth-{first,warm}-open.csv
}

plot() { # name title
  java -cp "$JAR" io.mdpop3j.bench.report.PlotCsv --title "$2" --x-label "messages in the Maildir" \
    --y-label "seconds (median over rounds)" --log-x --log-y \
    "$OUT/docs/perf-data/$1.csv" "$OUT/docs/img/$1.png"
}

main "$@"
