#!/usr/bin/env bash
# Container entry point of zone-monitor.
#
# 1. Waits for the database by retrying `monitor db upgrade` (which also applies the
#    migrations) until it succeeds or DB_WAIT_SECONDS have passed (then exit 1).
# 2. Replaces itself with `monitor serve` (the scheduler: crawls and digests; and the web app).
#
# Knob (environment). It deliberately does not use the MONITOR_ prefix, which is reserved
# for the application's settings (monitor/settings.py):
#   DB_WAIT_SECONDS  how long to keep retrying `monitor db upgrade`, in seconds (default 60)
set -euo pipefail

DB_WAIT_SECONDS="${DB_WAIT_SECONDS:-60}"
RETRY_PAUSE=2

log() { printf 'start.sh: %s\n' "$*" >&2; }

for knob in DB_WAIT_SECONDS; do
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
log "starting monitor serve"
trap - TERM INT
exec monitor serve
