#!/usr/bin/env bash
# Side by side, on the same VIFs (those of benchmarks/python/plug_bench.py: a fresh bridge per
# VIF, MTU 1450, no bridge interface, filtering by Neutron so no iptables rules):
#   - osvif's linux_bridge plugin:  runtime/bin/osvif bench plug --plugin linux_bridge (after its
#                                   default warm-up of 100 VIFs: the agent is a long-running JVM)
#   - Python os-vif 3.0.0's:        benchmarks/python/plug_bench.py linux_bridge (privsep in-process)
#   - the kernel floor:             ip -batch creating the same bridges (forward_delay 0, stp off,
#                                   snooping off) and setting them up; one ip process, its start
#                                   (an empty batch) subtracted
# each in a network namespace of its own, made fresh for every run and removed after.
# Usage (root, after mvn -B install): benchmarks/linux-bridge/compare.sh [N, default 200] [ROUNDS, default 3]
# SETTLE=seconds to let the kernel finish freeing a drained namespace before the next run (default 5).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}
rounds=${2:-3}
plug_bench=$top/benchmarks/python/plug_bench.py
ns=osvif-lbbench-$$
work=$(mktemp -d)
cleanup() { drain 2>/dev/null || ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Devices are deleted one by one before the namespace goes: a namespace deleted with hundreds of
# bridges in it is torn down by the kernel in the background, under the lock every next run needs.
drain() {
  ip netns list | grep -qw "$ns" || return 0
  ip -n "$ns" -o link show | awk -F': ' '$2 != "lo" { sub(/@.*/, "", $2); print "link del " $2 }' > "$work/del"
  ip -n "$ns" -batch "$work/del"
  ip netns del "$ns"
  # Even then the kernel finishes freeing them in the background (RCU, workqueues) for a while,
  # and whatever runs next pays for it in its tail: let it settle.
  sleep "${SETTLE:-5}"
}
fresh() { drain; ip netns add "$ns"; ip -n "$ns" link set lo up; }

for i in $(seq 0 $((n - 1))); do
  printf 'link add qbr%05d type bridge forward_delay 0 stp_state 0 mcast_snooping 0\nlink set qbr%05d up\n' "$i" "$i"
done > "$work/batch"
: > "$work/empty"

results=()
for r in $(seq "$rounds"); do
  fresh
  results+=("$(ip netns exec "$ns" "$top/runtime/bin/osvif" bench plug --plugin linux_bridge --count "$n")")
  fresh
  results+=("$(cd "$work" && ip netns exec "$ns" /usr/bin/python3 "$plug_bench" linux_bridge "$n" 2>/dev/null)")
  fresh
  t0=$(date +%s%N); ip -n "$ns" -batch "$work/empty"; t1=$(date +%s%N)
  ip -n "$ns" -batch "$work/batch"; t2=$(date +%s%N)
  results+=("$(printf '{"impl": "ip-batch-floor", "n": %d, "per_bridge_ms": %.3f}' "$n" \
    "$(echo "($t2 - $t1 - ($t1 - $t0)) / $n / 1000000" | bc -l)")")
done
printf '%s\n' "${results[@]}"
/usr/bin/python3 - "${results[@]}" <<'PY'
import json, statistics, sys
rows = [json.loads(a) for a in sys.argv[1:]]
def med(impl, key):
    return statistics.median(r[key] for r in rows if r.get("impl") == impl)
java_med, java_mean = med("osvif-java", "plug_ms_median"), med("osvif-java", "plug_ms_mean")
py_med, floor = med("python-os-vif", "plug_ms_median"), med("ip-batch-floor", "per_bridge_ms")
print(json.dumps({
    "rounds": len(rows) // 3,
    "java_plug_ms_median": java_med, "python_plug_ms_median": py_med,
    "plug_median_x_faster_than_python": round(py_med / java_med, 1),
    "java_plug_ms_mean": java_mean, "floor_ms_per_bridge": round(floor, 3),
    "java_plug_mean_of_floor": round(java_mean / floor, 2),
    "java_plug_median_of_floor": round(java_med / floor, 2),
}))
PY
