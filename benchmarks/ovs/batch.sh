#!/usr/bin/env bash
# Batch plugging side by side, each implementation against an Open vSwitch of its own (netdev
# datapath, bridge br-int, a fresh namespace each, sandbox.sh), in one run:
#   file     `osvif plug FILE` then `osvif unplug FILE` on N fresh VIFOpenVSwitch (gen_vifs.py),
#            end to end: process start included; then the same file through Python os-vif 3.0.0's
#            loop (py_plug_file.py, one os_vif.plug per VIF as Nova does). After each plug every
#            port must be on br-int exactly once, after each unplug none may be left.
#   batch    `osvif bench plug --batch K` (N VIFs, K per OsVif.plugAll) and the raw floor at the
#            same K (floor.py: K inserts, next_cfg += 1, wait for cur_cfg, per transaction)
#   single   `osvif bench plug` one at a time and the floor at K=1
#   clients  `osvif bench plug --clients C` (C threads, one plug call at a time each)
# batch and single run R rounds, interleaved with their floors (which goes first alternates), a
# fresh Open vSwitch each: on a shared 2-core host one measurement of each can differ by a third
# from the next. The summary gives, per comparison, the ratio of the medians over the rounds and
# the median of each round's own ratio (osvif and the floor measured next to each other).
# Root; run from the repository after `mvn -B install -DskipTests`.
# usage: benchmarks/ovs/batch.sh [N, default 1000] [K, default 100] [C, default 10] [R, default 5]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$repo/benchmarks/ovs
py=/usr/bin/python3

if [ "${1:-}" = "--section" ]; then
  what=$2; n=$3; k=$4; c=$5; file=$6
  prefix=osvif-batch
  # shellcheck source=sandbox.sh
  . "$here/sandbox.sh" > /dev/null 2>&1
  count() { ovs-vsctl --db="$db" list-ports br-int | wc -l; }
  dups() { ovs-vsctl --db="$db" --bare --columns=name list Interface | grep . | sort | uniq -d | wc -l; }
  check() {  # expected ports on br-int
    local p d; p=$(count); d=$(dups)
    [ "$p" -eq "$1" ] && [ "$d" -eq 0 ] || { echo "error: $what: $p ports on br-int ($d names twice), expected $1" >&2; exit 1; }
  }
  ms() { echo $(( ($2 - $1) / 1000000 )); }
  osvif() { ip netns exec "$ns" "$repo/runtime/bin/osvif" "$@" --set org.osvif.plug.ovs.ovsdb_connection="$db"; }
  case $what in
    file)
      t0=$(date +%s%N); osvif plug "$file" > "$d/out"; t1=$(date +%s%N); check "$n"
      osvif unplug "$file" > /dev/null; t2=$(date +%s%N); check 0
      printf '{"impl": "osvif-java", "what": "file", "n": %d, "plug_s": %.2f, "unplug_s": %.2f}\n' "$n" \
        "$(echo "$(ms "$t0" "$t1") / 1000" | bc -l)" "$(echo "$(ms "$t1" "$t2") / 1000" | bc -l)" ;;
    pyfile)
      t0=$(date +%s%N); ip netns exec "$ns" $py "$here/py_plug_file.py" plug "$file" "$db" > /dev/null 2>&1
      t1=$(date +%s%N); check "$n"
      ip netns exec "$ns" $py "$here/py_plug_file.py" unplug "$file" "$db" > /dev/null 2>&1; t2=$(date +%s%N); check 0
      printf '{"impl": "python-os-vif", "what": "file", "n": %d, "plug_s": %.2f, "unplug_s": %.2f}\n' "$n" \
        "$(echo "$(ms "$t0" "$t1") / 1000" | bc -l)" "$(echo "$(ms "$t1" "$t2") / 1000" | bc -l)" ;;
    bench) osvif bench plug --plugin ovs --count "$n" --batch "$k"; check 0 ;;
    clients) osvif bench plug --plugin ovs --count "$n" --clients "$c"; check 0 ;;
    floor) $py "$here/floor.py" "$d/db.sock" "$n" "$k"; check 0 ;;
  esac
  exit 0
fi

n=${1:-1000}; k=${2:-100}; c=${3:-10}; rounds=${4:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
$py "$here/gen_vifs.py" "$n" > "$work/vifs.jsonl"
sec() { bash "$0" --section "$1" "$2" "$3" "$c" "$work/vifs.jsonl"; }
echo "# $(date -u +%FT%TZ), $(nproc) cores, Open vSwitch $(ovs-vsctl --version | head -1 | awk '{print $NF}'), netdev datapath; n=$n k=$k clients=$c rounds=$rounds"
rows=()
rows+=("$(sec file "$n" "$k")")
rows+=("$(sec pyfile "$n" "$k")")
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then
    rows+=("$(sec bench "$n" "$k")" "$(sec floor "$n" "$k")" "$(sec bench 200 1)" "$(sec floor 200 1)")
  else
    rows+=("$(sec floor "$n" "$k")" "$(sec bench "$n" "$k")" "$(sec floor 200 1)" "$(sec bench 200 1)")
  fi
done
rows+=("$(sec clients "$n" 1)")
printf '%s\n' "${rows[@]}"
$py - "${rows[@]}" <<'PY'
import json, statistics, sys
rows = [json.loads(a) for a in sys.argv[1:]]
def one(**kw):
    return next(r for r in rows if all(r.get(a) == b for a, b in kw.items()))
def every(**kw):
    return [r for r in rows if all(r.get(a) == b for a, b in kw.items())]
def med(rs, key):
    return statistics.median(r[key] for r in rs)
jf, pf = one(impl="osvif-java", what="file"), one(impl="python-os-vif", what="file")
k = next(r["batch"] for r in rows if r.get("impl") == "raw-floor" and r["batch"] > 1)
jb, fb = every(impl="osvif-java", batch=k, clients=0), every(impl="raw-floor", batch=k)
js, fs = every(impl="osvif-java", batch=1, clients=0), every(impl="raw-floor", batch=1)
jc = next(r for r in rows if r.get("clients", 0) > 0)
py_per_vif = pf["plug_s"] * 1e3 / pf["n"]
out = {
    "rounds": len(jb),
    "file_plug_speedup_vs_python": round(pf["plug_s"] / jf["plug_s"], 2),            # goal >= 5
    "file_unplug_speedup_vs_python": round(pf["unplug_s"] / jf["unplug_s"], 2),
    "batch_per_vif_ms_median": round(med(jb, "per_vif_ms_mean"), 3),
    "floor_batch_per_vif_ms_median": round(med(fb, "per_vif_ms_mean"), 3),
    "batch_per_vif_vs_floor": round(med(jb, "per_vif_ms_mean") / med(fb, "per_vif_ms_mean"), 2),  # goal <= 1.3
    "batch_per_vif_vs_floor_per_round_median": round(statistics.median(
        a["per_vif_ms_mean"] / b["per_vif_ms_mean"] for a, b in zip(jb, fb)), 2),
    "batch_unplug_per_vif_vs_floor": round(med(jb, "unplug_per_vif_ms_mean") / med(fb, "unplug_per_vif_ms_mean"), 2),
    "single_vs_floor": round(med(js, "plug_ms_median") / med(fs, "batch_ms_median"), 2),   # goal <= 1.25
    "single_vs_floor_per_round_median": round(statistics.median(
        a["plug_ms_median"] / b["batch_ms_median"] for a, b in zip(js, fs)), 2),
    "clients_speedup_vs_python_per_vif": round(py_per_vif / jc["per_vif_ms_mean"], 2),  # goal >= 4
}
print(json.dumps(out))
PY
