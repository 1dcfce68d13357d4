#!/usr/bin/env bash
# Times whole processes of the release binary on generated stores: time to the first dashboard
# frame (in tmux), `report --format json`, `check` (load only) and importing a CSV of the same
# size. Prints one line per measurement: what, size, seconds, peak memory.
#
#   bash benches/process.sh [SIZE ...]      # default: 10000 100000 (add 1000000 for the full run)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet
bin=$PWD/target/release/ror-tui
data=$PWD/target/bench-data; mkdir -p "$data"
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 1; }

peak() { # peak RSS in MB and elapsed seconds of a command, via /usr/bin/time
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.3f s  %d MB", $1, $2/1024}'
}

first_frame() { # seconds from launch until the overview is on screen (or until $2 is)
  local store=$1 sock="ror-bench-$$" start end
  local cmd=${2:-"TZ=UTC $bin --store '$store' --read-only"}
  start=$(date +%s.%N)
  tmux -L "$sock" new-session -d -x 200 -y 60 "$cmd"
  until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "Engagement"; do sleep 0.005; done
  end=$(date +%s.%N)
  tmux -L "$sock" kill-server 2>/dev/null || true
  # The dashboard ends on the hang-up; wait, so it does not share the cores with what is next.
  while pgrep -f -- "--store $store --read-only" >/dev/null; do sleep 0.02; done
  echo "$end - $start" | bc
}

# What tmux itself costs: a program that prints the word at once.
base=999
for _ in 1 2 3 4 5; do
  t=$(first_frame "" "printf 'Engagement'; sleep 5"); base=$(echo "if ($t < $base) $t else $base" | bc)
done
printf '%-28s %8s  %.3f s (best of 5; subtract it from the first frames)\n' "tmux start, no dashboard" "-" "$base"

for n in "${sizes[@]}"; do
  store=$data/store-$n.json
  [ -f "$store" ] || "$bin" generate --contacts $((n / 10)) --interactions "$n" -o "$store" 2>/dev/null
  csv=$data/import-$n.csv
  [ -f "$csv" ] || "$bin" --store "$store" export --format csv -o "$csv"
  best=999
  for _ in 1 2 3 4 5; do t=$(first_frame "$store"); best=$(echo "if ($t < $best) $t else $best" | bc); done
  printf '%-28s %8d  %.3f s (best of 5)\n' "first dashboard frame" "$n" "$best"
  printf '%-28s %8d  %s\n' "report --format json" "$n" "$(peak "$bin" --store "$store" report --format json)"
  printf '%-28s %8d  %s\n' "check (load + validate)" "$n" "$(peak "$bin" --store "$store" check)"
  rm -f "$data/empty.json"
  printf '%-28s %8d  %s\n' "import into an empty store" "$n" "$(peak "$bin" --store "$data/empty.json" import "$csv")"
  rm -f "$data/empty.json" "$data/empty.json.bak" "$data"/.empty.json*
done
