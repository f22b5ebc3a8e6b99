#!/usr/bin/env bash
# Container entry point of zone-monitor.
#
# 1. Waits for the database by retrying `monitor db upgrade` (which also applies the
#    migrations) until it succeeds or DB_WAIT_SECONDS have passed (then exit 1).
# 2. Runs `monitor serve` when this version of the CLI has it; otherwise runs
#    `monitor crawl` then `monitor digest send` every CRAWL_INTERVAL seconds.
#
# Knobs (environment). They deliberately do not use the MONITOR_ prefix, which is reserved
# for the application's settings (monitor/settings.py):
#   DB_WAIT_SECONDS  how long to keep retrying `monitor db upgrade`, in seconds (default 60)
#   CRAWL_INTERVAL   seconds between two crawl + digest passes (default 1800)
#   START_MAX_LOOPS  stop after this many passes; 0 runs forever (default 0; tests use it)
set -euo pipefail

DB_WAIT_SECONDS="${DB_WAIT_SECONDS:-60}"
CRAWL_INTERVAL="${CRAWL_INTERVAL:-1800}"
START_MAX_LOOPS="${START_MAX_LOOPS:-0}"
RETRY_PAUSE=2

log() { printf 'start.sh: %s\n' "$*" >&2; }

for knob in DB_WAIT_SECONDS CRAWL_INTERVAL START_MAX_LOOPS; do
  if [[ ! "${!knob}" =~ ^[0-9]+$ ]]; then
    log "$knob must be a whole number, got '${!knob}'"
    exit 2
  fi
done

# As PID 1 in a container, bash only reacts to `docker stop` (SIGTERM) through a trap, and a
# trap only runs once the foreground command has finished: so children run in the
# background and we `wait` for them, which a signal interrupts.
child=""
on_stop() {
  log "stop signal received, exiting"
  if [[ -n "$child" ]]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit 143
}
trap on_stop TERM INT

run() {  # run a command in the background and wait for it; returns its exit status
  local rc=0
  "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

pause() {  # sleep that a stop signal interrupts
  sleep "$1" &
  child=$!
  wait "$child" || true
  child=""
}

# 1. wait for the database ---------------------------------------------------------------
deadline=$((SECONDS + DB_WAIT_SECONDS))
attempt=0
while :; do
  attempt=$((attempt + 1))
  rc=0
  output=$(monitor db upgrade 2>&1) || rc=$?
  if [[ $rc -eq 0 ]]; then
    [[ -n "$output" ]] && printf '%s\n' "$output" >&2
    break
  fi
  summary=$(printf '%s' "$output" | tr -s ' \n\t' ' ')
  if [[ $rc -eq 2 ]]; then  # the CLI's exit code for a bad setting: retrying cannot help
    log "monitor db upgrade failed with a configuration error (exit 2), not retrying:"
    printf '%s\n' "$output" >&2
    exit 2
  fi
  if (( SECONDS >= deadline )); then
    log "the database was not reachable after ${DB_WAIT_SECONDS}s ($attempt attempt(s) of monitor db upgrade); giving up."
    log "last error:"
    printf '%s\n' "$output" >&2
    exit 1
  fi
  log "waiting for the database (attempt $attempt, $((deadline - SECONDS))s left): ${summary:0:300}"
  pause "$RETRY_PAUSE"
done

# 2. run the service -----------------------------------------------------------------------
if monitor serve --help >/dev/null 2>&1; then
  log "starting monitor serve"
  trap - TERM INT
  exec monitor serve
fi

log "this version has no 'monitor serve': running crawl + digest every ${CRAWL_INTERVAL}s"
pass=0
while :; do
  pass=$((pass + 1))
  log "crawl pass $pass: monitor crawl"
  run monitor crawl || log "monitor crawl failed (exit $?); continuing"
  log "crawl pass $pass: monitor digest send"
  run monitor digest send || log "monitor digest send failed (exit $?); continuing"
  if (( START_MAX_LOOPS > 0 && pass >= START_MAX_LOOPS )); then
    log "stopping after $pass pass(es) (START_MAX_LOOPS=$START_MAX_LOOPS)"
    exit 0
  fi
  log "next pass in ${CRAWL_INTERVAL}s"
  pause "$CRAWL_INTERVAL"
done
