#!/usr/bin/env bash
# The structure-aware proptest campaign of crates/core/tests/decode_hostile.rs, run by
# hand for a wall-clock budget: rounds of PROPTEST_CASES cases per strategy (each
# round a fresh random seed), one strategy at a time, until MINUTES have passed
# (the last round is finished, not cut). Cases are counted per passed round, so they
# are exact; prints per strategy the rounds, cases, CPU seconds (user+sys of the test
# process) and failures.
#
#   nice -n 10 scripts/fuzz-props.sh [MINUTES=60] [CASES_PER_ROUND=50]
#
# A failure stops nothing: its output is kept in $LOG_DIR/fail-*.log and proptest
# records the shrunk case in crates/core/tests/decode_hostile.proptest-regressions.
# Each round runs under `ulimit -v 3000000` (a generated case that exhausts memory
# fails the round) and a 10-minute `timeout`.
set -uo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-60}
CASES=${2:-50}
LOG_DIR=${LOG_DIR:-target/fuzz-props}
mkdir -p "$LOG_DIR"
BIN=$(cargo test -p planlens-core --test decode_hostile --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*decode_hostile[^"]*\)".*/\1/p' | tail -1)
[ -x "$BIN" ] || { echo "build failed" >&2; exit 1; }
STRATEGIES=(generated_word_packages_stay_bounded generated_flat_xml_stays_bounded
  generated_html_stays_bounded generated_pdf_lines_stay_bounded)
declare -A rounds cpu fails
for s in "${STRATEGIES[@]}"; do rounds[$s]=0; cpu[$s]=0; fails[$s]=0; done
end=$(( $(date +%s) + MINUTES * 60 ))
i=0
while [ "$(date +%s)" -lt "$end" ]; do
  s=${STRATEGIES[$(( i % ${#STRATEGIES[@]} ))]}
  i=$((i + 1))
  out="$LOG_DIR/round.log"
  ( ulimit -v 3000000
    PROPTEST_CASES=$CASES /usr/bin/time -f '%U %S' -o "$LOG_DIR/time" \
      timeout 600 "$BIN" --exact "$s" --test-threads=1 ) >"$out" 2>&1
  st=$?
  read -r u sy < <(tail -1 "$LOG_DIR/time" 2>/dev/null || echo "0 0")
  cpu[$s]=$(awk -v a="${cpu[$s]}" -v b="${u:-0}" -v c="${sy:-0}" 'BEGIN { print a + b + c }')
  if [ "$st" -eq 0 ]; then
    rounds[$s]=$(( ${rounds[$s]} + 1 ))
  else
    fails[$s]=$(( ${fails[$s]} + 1 ))
    cp "$out" "$LOG_DIR/fail-$s-$i.log"
  fi
  echo "$(date -u +%T) $s status=$st"
done
echo "strategy rounds cases cpu_s failures"
for s in "${STRATEGIES[@]}"; do
  echo "$s ${rounds[$s]} $(( ${rounds[$s]} * CASES )) ${cpu[$s]} ${fails[$s]}"
done
