#!/bin/bash
# run_pairs.sh SCRIPT N ROUNDS BRANCH_TREE BASE_TREE: as run_ab.sh, but each round runs the base and the branch at
# the same time, so both see the same load (on a shared, loaded machine sequential runs swing by ±25%); one line
# per round: the load at its start, then each side's CPU line (base first).
cd "$(dirname "$0")/../.." || exit 1
for i in $(seq "$3"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  base=$(mktemp) branch=$(mktemp)
  nice -n 5 .venv/bin/python "bench/ingest_cpu/$1" "$5" "$2" 2>/dev/null | tail -1 > "$base" &
  nice -n 5 .venv/bin/python "bench/ingest_cpu/$1" "$4" "$2" 2>/dev/null | tail -1 > "$branch" &
  wait
  echo "round $i | load $load | $(cat "$base") | $(cat "$branch")"
  rm -f "$base" "$branch"
done
