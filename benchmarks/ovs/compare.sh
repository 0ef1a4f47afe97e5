#!/usr/bin/env bash
# OVS plug/unplug latency, side by side, against one Open vSwitch (netdev datapath) in a fresh
# namespace: osvif's `bench plug --plugin ovs`, Python os-vif 3.0.0's native plug (the anchor
# script, privsep in-process) on the same kind of VIFs, and the raw OVSDB floor (one transact
# per port, no waiting for vswitchd). Root; run from the repository after `mvn -B install`.
# usage: benchmarks/ovs/compare.sh [N]   (default 200)
set -euo pipefail
n=${1:-200}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared=${OSVIF_SHARED:-$repo/../shared}
d=$(mktemp -d /tmp/osvif-bench.XXXXXX)
ns=osvif-bench-$$
cleanup() {
  for p in vswitchd ovsdb; do
    [ -f "$d/$p.pid" ] && kill "$(cat "$d/$p.pid")" 2>/dev/null || true
  done
  for p in vswitchd ovsdb; do
    [ -f "$d/$p.pid" ] && while kill -0 "$(cat "$d/$p.pid")" 2>/dev/null; do :; done
  done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
export OVS_RUNDIR=$d OVS_LOGDIR=$d OVS_DBDIR=$d
ovsdb-tool create "$d/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ip netns exec "$ns" ovsdb-server "$d/conf.db" --remote=punix:"$d/db.sock" --remote=ptcp:6640:127.0.0.1 \
  --pidfile="$d/ovsdb.pid" --detach --log-file="$d/ovsdb.log" --unixctl="$d/ovsdb.ctl"
ovs-vsctl --db=unix:"$d/db.sock" --no-wait init
ip netns exec "$ns" ovs-vswitchd unix:"$d/db.sock" --pidfile="$d/vswitchd.pid" --detach \
  --log-file="$d/vswitchd.log" --unixctl="$d/vswitchd.ctl"
ovs-vsctl --db=unix:"$d/db.sock" add-br br-int -- set bridge br-int datapath_type=netdev

echo "# n=$n, one Open vSwitch $(ovs-vsctl --version | head -1 | awk '{print $NF}'), netdev datapath, in namespace $ns"
echo "# osvif (waits for ovs-vswitchd after each transaction, as os-vif does):"
ip netns exec "$ns" "$repo/runtime/bin/osvif" bench plug --plugin ovs --count "$n" \
  --set org.osvif.plug.ovs.ovsdb_connection=unix:"$d/db.sock"
echo "# osvif with wait_for_vswitchd=false (return when OVSDB committed):"
ip netns exec "$ns" "$repo/runtime/bin/osvif" bench plug --plugin ovs --count "$n" \
  --set org.osvif.plug.ovs.ovsdb_connection=unix:"$d/db.sock" --set org.osvif.plug.ovs.wait_for_vswitchd=false
echo "# Python os-vif 3.0.0 (native IDL):"
ip netns exec "$ns" /usr/bin/python3 "$shared/anchors/py_plug_bench.py" ovs "$n" unix:"$d/db.sock" 2>/dev/null
echo "# raw OVSDB floor (one transact per port over a persistent socket, no vswitchd wait):"
/usr/bin/python3 "$shared/anchors/ovsdb_floor.py" "$d/db.sock" "$n"
