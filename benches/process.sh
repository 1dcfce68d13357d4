#!/usr/bin/env bash
# Times whole processes of the release binary on generated stores: time to the first dashboard
# frame (in tmux), `report --format json`, `check` (load only), `status`, `log` (one interaction
# appended), `compact` and importing a CSV of the same size; then importing the 100k-message
# Slack export of `cargo bench --bench import` from disk, into an empty store and again (target:
# at most 5 s and 300 MB). Prints one line per measurement: what, size, seconds, peak memory.
#
#   bash benches/process.sh [SIZE ...]      # default: 10000 100000 (add 1000000 for the full run)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
# ROR_BENCH_BIN times another build (an older one, to compare) on the same stores.
bin=${ROR_BENCH_BIN:-}
if [ -z "$bin" ]; then cargo build --release --quiet; bin=$PWD/target/release/ror-tui; fi
data=$PWD/target/bench-data; mkdir -p "$data"
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 1; }

peak() { # peak RSS in MB and elapsed seconds of a command, via /usr/bin/time
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.3f s  %d MB", $1, $2/1024}'
}

first_frame() { # seconds from the key that starts it until the overview is on screen (or $2 is)
  # The pane's output stream is watched (pipe-pane) rather than its screen polled: polling spawns
  # a tmux client every few milliseconds, which on two cores takes CPU from the dashboard it is
  # timing. The command waits for a key, so the watch is in place before it starts.
  local store=$1 sock="ror-bench-$$" out="$data/.first-frame-$$" start end
  local cmd=${2:-"TZ=UTC exec $bin --store '$store' --read-only"}
  rm -f "$out"
  tmux -L "$sock" new-session -d -x 200 -y 60 "read -r go; $cmd"
  # The time is taken as soon as grep has seen the word, not when the pipe ends (which is at the
  # next output, and an idle dashboard has none); tmux reads `%%` as `%`.
  tmux -L "$sock" pipe-pane -o \
    "stdbuf -o0 tr '\\033' '\\n' | { grep -q Engagement && date +%%s.%%N > '$out'; }"
  sleep 0.3
  start=$(date +%s.%N)
  tmux -L "$sock" send-keys Enter
  until [ -s "$out" ]; do sleep 0.02; done
  end=$(cat "$out")
  tmux -L "$sock" kill-server 2>/dev/null || true
  rm -f "$out"
  # The dashboard ends on the hang-up; wait, so it does not share the cores with what is next.
  while pgrep -f -- "--store $store --read-only" >/dev/null; do sleep 0.02; done
  echo "$end - $start" | bc
}

# What tmux itself costs: a program that prints the word at once.
base=999
for _ in 1 2 3 4 5; do
  t=$(first_frame "" "printf 'Engagement\\n'; sleep 5"); base=$(echo "if ($t < $base) $t else $base" | bc)
done
printf '%-28s %8s  %.3f s (best of 5; included in the first frames below)\n' "tmux start, no dashboard" "-" "$base"

for n in "${sizes[@]}"; do
  store=$data/store-v2-$n.json
  [ -f "$store" ] || "$bin" generate --contacts $((n / 10)) --interactions "$n" -o "$store" 2>/dev/null
  csv=$data/import-$n.csv
  [ -f "$csv" ] || "$bin" --store "$store" export --format csv -o "$csv"
  times=()
  for _ in 1 2 3 4 5 6 7; do times+=("$(first_frame "$store")"); done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s %8d  %.3f s best, %.3f s median of 7\n' "first dashboard frame" "$n" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n 4p)"
  printf '%-28s %8d  %s\n' "report --format json" "$n" "$(peak "$bin" --store "$store" report --format json)"
  printf '%-28s %8d  %s\n' "check (load + validate)" "$n" "$(peak "$bin" --store "$store" check)"
  times=()
  for _ in 1 2 3 4 5 6 7 8 9 10 11; do
    start=$(date +%s%N)
    "$bin" --store "$store" status >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s %8d  %.3f s best, %.3f s median of 11\n' "status (one line)" "$n" \
    "$(echo "$(echo "$sorted" | head -1) / 1000000" | bc -l)" "$(echo "$(echo "$sorted" | sed -n 6p) / 1000000" | bc -l)"
  # `log` and `compact` write: on a copy, so the cached store stays as generated.
  copy=$data/copy-$n.json
  cp "$store" "$copy"
  handle=$(grep -m1 -o '"handle": "[^"]*"' "$store" | cut -d'"' -f4)
  times=()
  for k in 1 2 3 4 5 6 7 8 9 10 11; do
    start=$(date +%s%N)
    "$bin" --store "$copy" log --contact "@$handle" --kind message --note "bench $k" >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s %8d  %.3f s best, %.3f s median of 11\n' "log (one interaction)" "$n" \
    "$(echo "$(echo "$sorted" | head -1) / 1000000" | bc -l)" "$(echo "$(echo "$sorted" | sed -n 6p) / 1000000" | bc -l)"
  printf '%-28s %8d  %s\n' "compact (after 11 logs)" "$n" "$(peak "$bin" --store "$copy" compact)"
  rm -f "$copy" "$copy.bak" "$data"/.copy-$n.json*
  rm -f "$data/empty.json"
  printf '%-28s %8d  %s\n' "import into an empty store" "$n" "$(peak "$bin" --store "$data/empty.json" import "$csv")"
  rm -f "$data/empty.json" "$data/empty.json.bak" "$data"/.empty.json*
done

# A platform export, read from disk as a user's would be.
slack=$data/slack-export-100k
if [ ! -f "$slack/users.json" ]; then
  cargo run --release --quiet --example slack_export -- "$slack"
fi
rm -f "$data/slack.json" "$data/slack.json.bak" "$data"/.slack.json*
printf '%-28s %8s  %s\n' "import Slack export (empty)" "100k msg" "$(peak "$bin" --store "$data/slack.json" import "$slack")"
printf '%-28s %8s  %s\n' "import Slack export (again)" "100k msg" "$(peak "$bin" --store "$data/slack.json" import "$slack")"
rm -f "$data/slack.json" "$data/slack.json.bak" "$data"/.slack.json*
