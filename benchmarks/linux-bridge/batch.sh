#!/usr/bin/env bash
# linux_bridge batched, per bridge, beside the kernel floor, in one run: `osvif bench plug --plugin
# linux_bridge --batch 1` (one plug after the other) and `--batch K` (K VIFs per OsVif.plugAll: the
# plugin's batch path, pipelined netlink), a fresh bridge per VIF, MTU 1450, no bridge interface,
# filtering by Neutron; and `ip -batch` creating the same number of bridges (forward_delay 0, stp
# off, snooping off) and setting them up, one ip process, its start (median of 5 empty batches) subtracted.
# Each measurement in a fresh network namespace of its own; R rounds, interleaved (floor, batch 1,
# batch K), medians over the rounds, and the median of each round's own ratio.
# usage (root, after mvn -B install -DskipTests): benchmarks/linux-bridge/batch.sh [N, default 200] [K, default 100] [R, default 3]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}; k=${2:-100}; rounds=${3:-3}
ns=osvif-lbbatch-$$
work=$(mktemp -d)
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT
for i in $(seq 0 $((n - 1))); do
  printf 'link add qbf%05d type bridge forward_delay 0 stp_state 0 mcast_snooping 0\nlink set qbf%05d up\n' "$i" "$i"
done > "$work/batch"
: > "$work/empty"
fresh() { ip netns del "$ns" 2>/dev/null || true; ip netns add "$ns"; ip -n "$ns" link set lo up; }
# ip's own start: the median of 5 empty batches (one alone is at the mercy of a loaded machine)
start_ns() {
  local i t0 t1
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N); ip -n "$ns" -batch "$work/empty"; t1=$(date +%s%N); echo $((t1 - t0))
  done | sort -n | sed -n 3p
}
floor() {
  fresh
  local s t1 t2
  s=$(start_ns)
  t1=$(date +%s%N); ip -n "$ns" -batch "$work/batch"; t2=$(date +%s%N)
  printf '{"impl": "ip-batch-floor", "n": %d, "per_bridge_ms": %.3f}\n' "$n" \
    "$(echo "($t2 - $t1 - $s) / $n / 1000000" | bc -l)"
}
java() {
  fresh
  ip netns exec "$ns" "$top/runtime/bin/osvif" bench plug --plugin linux_bridge --count "$n" --batch "$1" --only plug
  local left
  left=$(ip -n "$ns" -o link show type bridge | wc -l)
  [ "$left" -eq 0 ] || { echo "error: $left bridges left after bench plug" >&2; exit 1; }
}
for r in $(seq 1 "$rounds"); do
  floor | tee -a "$work/out"
  java 1 | tee -a "$work/out"
  java "$k" | tee -a "$work/out"
done
/usr/bin/python3 - "$work/out" "$k" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
k = int(sys.argv[2])
floor = statistics.median(r["per_bridge_ms"] for r in rows if r["impl"] == "ip-batch-floor")
def per(b):
    return statistics.median(r["per_vif_ms_mean"] for r in rows if r["impl"] == "osvif-java" and r["batch"] == b)
b1, bk = per(1), per(k)
# Also each round's own ratio (floor and osvif measured next to each other), median over rounds:
# steadier than the ratio of medians when the machine's load comes and goes.
paired = {1: [], k: []}
for i in range(0, len(rows) - 2, 3):
    f, one, many = rows[i:i + 3]
    paired[1].append(one["per_vif_ms_mean"] / f["per_bridge_ms"])
    paired[k].append(many["per_vif_ms_mean"] / f["per_bridge_ms"])
print(json.dumps({"rounds": len(rows) // 3, "ip_batch_per_bridge_ms": round(floor, 3),
                  "batch_1_per_bridge_ms": round(b1, 3), "batch_%d_per_bridge_ms" % k: round(bk, 3),
                  "batch_1_vs_ip_batch": round(b1 / floor, 2), "batch_%d_vs_ip_batch" % k: round(bk / floor, 2),
                  "batch_1_vs_ip_batch_per_round_median": round(statistics.median(paired[1]), 2),
                  "batch_%d_vs_ip_batch_per_round_median" % k: round(statistics.median(paired[k]), 2)}))
PY
