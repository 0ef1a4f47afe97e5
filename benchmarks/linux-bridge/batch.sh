#!/usr/bin/env bash
# linux_bridge batched, per bridge, beside the kernel floor: `osvif bench plug --plugin
# linux_bridge --batch K` (a fresh bridge per VIF, MTU 1450, no bridge interface, filtering by
# Neutron; K VIFs per OsVif.plugAll) and `ip -batch` creating the same number of bridges
# (forward_delay 0, stp off, snooping off) and setting them up, one ip process, its start (an
# empty batch) subtracted. Each in a fresh network namespace of its own.
# usage (root, after mvn -B install -DskipTests): benchmarks/linux-bridge/batch.sh [N, default 200] [K, default 100]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}; k=${2:-100}
ns=osvif-lbbatch-$$
work=$(mktemp -d)
trap 'ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT
for i in $(seq 0 $((n - 1))); do
  printf 'link add qbf%05d type bridge forward_delay 0 stp_state 0 mcast_snooping 0\nlink set qbf%05d up\n' "$i" "$i"
done > "$work/batch"
: > "$work/empty"
ip netns add "$ns"; ip -n "$ns" link set lo up
java=$(ip netns exec "$ns" "$top/runtime/bin/osvif" bench plug --plugin linux_bridge --count "$n" --batch "$k")
left=$(ip -n "$ns" -o link show type bridge | wc -l)
[ "$left" -eq 0 ] || { echo "error: $left bridges left after bench plug" >&2; exit 1; }
ip netns del "$ns"; ip netns add "$ns"; ip -n "$ns" link set lo up
t0=$(date +%s%N); ip -n "$ns" -batch "$work/empty"; t1=$(date +%s%N)
ip -n "$ns" -batch "$work/batch"; t2=$(date +%s%N)
floor=$(printf '{"impl": "ip-batch-floor", "n": %d, "per_bridge_ms": %.3f}' "$n" \
  "$(echo "($t2 - $t1 - ($t1 - $t0)) / $n / 1000000" | bc -l)")
echo "$java"; echo "$floor"
/usr/bin/python3 - "$java" "$floor" <<'PY'
import json, sys
j, f = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"batch": j["batch"], "per_bridge_vs_ip_batch": round(j["per_vif_ms_mean"] / f["per_bridge_ms"], 2)}))
PY
