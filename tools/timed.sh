#!/usr/bin/env bash
# timed.sh NAME COMMAND...: runs COMMAND, then prints how long NAME took,
# and exits with COMMAND's status (make test's per-suite, per-engine times).
name=$1
shift
start=$(date +%s)
"$@"
status=$?
echo "== $name: $(( $(date +%s) - start )) s (exit $status)"
exit $status
