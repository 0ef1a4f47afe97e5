#!/usr/bin/env bash
# OVS plug/unplug latency, side by side, against one Open vSwitch (netdev datapath) in a fresh
# namespace: osvif's `bench plug --plugin ovs`, Python os-vif 3.0.0's native plug (python/
# plug_bench.py, privsep in-process) on the same kind of VIFs, and the raw OVSDB floor (one transact
# per port, no waiting for vswitchd). Root; run from the repository after `mvn -B install`.
# usage: benchmarks/ovs/compare.sh [N]   (default 200)
set -euo pipefail
n=${1:-200}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=$repo/benchmarks/python
prefix=osvif-bench
ovsdb_extra="--remote=ptcp:6640:127.0.0.1"
# shellcheck source=sandbox.sh
. "$repo/benchmarks/ovs/sandbox.sh"

echo "# n=$n, one Open vSwitch $(ovs-vsctl --version | head -1 | awk '{print $NF}'), netdev datapath, in namespace $ns"
echo "# osvif (waits for ovs-vswitchd after each transaction, as os-vif does):"
ip netns exec "$ns" "$repo/runtime/bin/osvif" bench plug --plugin ovs --count "$n" \
  --set org.osvif.plug.ovs.ovsdb_connection=unix:"$d/db.sock"
echo "# osvif with wait_for_vswitchd=false (return when OVSDB committed):"
ip netns exec "$ns" "$repo/runtime/bin/osvif" bench plug --plugin ovs --count "$n" \
  --set org.osvif.plug.ovs.ovsdb_connection=unix:"$d/db.sock" --set org.osvif.plug.ovs.wait_for_vswitchd=false
echo "# Python os-vif 3.0.0 (native IDL):"
ip netns exec "$ns" /usr/bin/python3 "$python/plug_bench.py" ovs "$n" unix:"$d/db.sock" 2>/dev/null
echo "# raw OVSDB floor (one transact per port over a persistent socket, no vswitchd wait):"
/usr/bin/python3 "$python/ovsdb_floor.py" "$d/db.sock" "$n"
