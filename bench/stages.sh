#!/usr/bin/env bash
# CPU by stage of a full run: the published job (as the bench publishes it) runs ingest, transform and publish as
# three processes on a fresh lake, each timed by /usr/bin/time (wall, user+sys CPU, peak RSS). docs/decisions.md keeps
# the figures before and after a change. Usage: bench/stages.sh <published nbalake folder> <landing folder> [runs]
set -euo pipefail
bin=$1 landing=$2 runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '{}' > "$work/none.json"
echo "| stage | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
for r in $(seq "$runs"); do
  rm -rf "$work/lake"
  for stage in ingest transform publish; do
    from=(); [ "$stage" = ingest ] && from=(--landing "$landing")
    /usr/bin/time -f "$stage %e %U %S %M" -a -o "$work/times" "$bin/nbalake" "$stage" --lake "$work/lake" "${from[@]}" --config "$work/none.json" -q > /dev/null
  done
done
# The median of the runs, per stage.
for stage in ingest transform publish; do
  grep "^$stage " "$work/times" | awk '{ printf "%s %.2f %.2f %d\n", $1, $2, $3 + $4, $5 / 1024 }' | sort -k2 -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
done
