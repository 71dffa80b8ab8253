#!/usr/bin/env bash
# Lake bytes and run times with and without hard-link sharing between table versions (docs/decisions.md,
# "Versions share files by hard link"). Builds the committed HEAD twice, as is and with FileOps.HardLink copying,
# generates a data set, lands all but its last DAYS days, then one day per run, and reports both lakes.
# Usage: bench/sharing.sh [work folder] (default /tmp/nbalake-sharing). Run it on a quiet machine (uptime load < 1).
# The builds and the data set are kept in the work folder and reused; the lakes are made anew each time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/nbalake-sharing}
seasons=${SEASONS:-10} teams=${TEAMS:-30} days=${DAYS:-10}
mkdir -p "$work"

for variant in link copy; do
  [ -x "$work/bin-$variant/nbalake" ] && continue
  rm -rf "$work/src-$variant" && mkdir -p "$work/src-$variant"
  git -C "$repo" archive HEAD | tar -x -C "$work/src-$variant"
  if [ "$variant" = copy ]; then
    sed -i 's/if (OperatingSystem.IsWindows() || Link(existing, link) != 0)/if (true)/' "$work/src-$variant/src/Storage/FileOps.cs"
    grep -q 'if (true)' "$work/src-$variant/src/Storage/FileOps.cs"
  fi
  dotnet publish "$work/src-$variant/src/NbaLake" -c Release -r linux-x64 -o "$work/bin-$variant" >/dev/null
done

if [ ! -d "$work/day01" ]; then
"$work/bin-link/nbalake" generate --out "$work/all" --seasons "$seasons" --teams "$teams"
python3 - "$work" "$days" <<'PY'
import csv, os, sys
work, days = sys.argv[1], int(sys.argv[2])
games = list(csv.reader(open(f"{work}/all/games.csv", newline="")))
header, rows = games[0], games[1:]
last = sorted({r[0][:10] for r in rows})[-days:]
day_of = {r[1]: r[0][:10] for r in rows if r[0][:10] in last}
os.makedirs(f"{work}/base")
def write(path, head, body):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(head); w.writerows(body)
write(f"{work}/base/games.csv", header, [r for r in rows if r[1] not in day_of])
details = list(csv.reader(open(f"{work}/all/games_details.csv", newline="")))
write(f"{work}/base/games_details.csv", details[0], [r for r in details[1:] if r[0] not in day_of])
os.link(f"{work}/all/teams.csv", f"{work}/base/teams.csv")
for n, d in enumerate(last, 1):
    os.makedirs(f"{work}/day{n:02}")
    write(f"{work}/day{n:02}/games_{d}.csv", header, [r for r in rows if day_of.get(r[1]) == d])
    write(f"{work}/day{n:02}/games_details_{d}.csv", details[0], [r for r in details[1:] if day_of.get(r[0]) == d])
PY
fi

echo '{}' > "$work/none.json"
for variant in link copy; do
  lake="$work/lake-$variant" landing="$work/landing-$variant"
  rm -rf "$lake" "$landing" && mkdir -p "$landing" && cp "$work/base/"* "$landing/"
  start=$(date +%s.%N)
  "$work/bin-$variant/nbalake" run --config "$work/none.json" --lake "$lake" --landing "$landing" -q >/dev/null
  base=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  for n in $(seq -w 1 "$days"); do
    cp "$work/day$n/"* "$landing/"
    "$work/bin-$variant/nbalake" run --config "$work/none.json" --lake "$lake" --landing "$landing" -q >/dev/null
  done
  drops=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  "$work/bin-$variant/nbalake" verify --config "$work/none.json" --lake "$lake" >/dev/null
  verify=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  "$work/bin-$variant/nbalake" run --config "$work/none.json" --lake "$lake" --landing "$landing" -q >/dev/null
  noop=$(echo "$(date +%s.%N) - $start" | bc)
  check=$(grep -h '"Checked the current files' "$lake"/logs/run-*.json | tail -1 | grep -o '"ElapsedMs":[0-9]*' | cut -d: -f2)
  printf '%s: base run %.2f s; %s one-day runs %.2f s (%.2f s each); then verify %.2f s, a no-op run %.2f s (its size check of every table: %s ms)\n' \
    "$variant" "$base" "$days" "$drops" "$(echo "$drops / $days" | bc -l)" "$verify" "$noop" "$check"
  printf '  lake on disk (du, a shared file once): %s; table versions (_meta/tables): %s; current tables only: %s\n' \
    "$(du -sh "$lake" | cut -f1)" "$(du -sh "$lake/_meta/tables" | cut -f1)" "$(du -cshL "$lake"/{bronze,silver,gold,_ops}/* | tail -1 | cut -f1)"
done
du -sh "$work/all" | sed 's/^/data set (CSV): /'
wc -l "$work/all/games.csv" "$work/all/games_details.csv" | head -2
