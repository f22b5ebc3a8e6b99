#!/bin/bash
# run_ab.sh SCRIPT N ROUNDS BRANCH_TREE BASE_TREE (base tree: git archive 2cc109d | tar -x -C DIR)
for i in $(seq $3); do
  for t in $5 $4; do
    (cd "$(dirname "$0")/../.." && nice -n 5 .venv/bin/python bench/ingest_cpu/$1 $t $2)
  done
done
