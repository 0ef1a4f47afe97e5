#!/usr/bin/env bash
# Bulk re-plug (a host restart: every VIF plugged again, nothing may be duplicated) against one
# Open vSwitch (netdev datapath) in a fresh namespace. N VIFOpenVSwitch (create_port, br-int) are
# plugged once by osvif (`bench plug --only plug`), then re-plugged by a new process each time:
# osvif waiting for ovs-vswitchd (the default), osvif with wait_for_vswitchd=false, and Python
# os-vif 3.0.0 (native IDL) on the same VIFs field for field. After each round the ports on br-int
# and the Interface rows carrying the VIFs' iface-ids are counted: they must stay N (+1 for br-int).
# Root; run from the repository after the runtime is built (mvn -B package -pl runtime -am).
# usage: benchmarks/ovs/replug.sh [N]   (default 1000)
set -euo pipefail
n=${1:-1000}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=osvif-replug
# shellcheck source=sandbox.sh
. "$repo/benchmarks/ovs/sandbox.sh"

osvif() { ip netns exec "$ns" "$repo/runtime/bin/osvif" bench plug --plugin ovs --count "$n" \
  --set org.osvif.plug.ovs.ovsdb_connection=$db "$@"; }
check() {
  local ports ifaces
  ports=$(ovs-vsctl --db=$db list-ports br-int | wc -l)
  ifaces=$(ovs-vsctl --db=$db --bare --columns=name find Interface 'external_ids:iface-status=active' | grep -c . || true)
  echo "# check: ports on br-int $ports, Interface rows with iface-status=active $ifaces (expected $n each)"
  [ "$ports" -eq "$n" ] && [ "$ifaces" -eq "$n" ] || { echo "error: duplicated or missing VIFs" >&2; exit 1; }
}

echo "# n=$n, one Open vSwitch $(ovs-vsctl --version | head -1 | awk '{print $NF}'), netdev datapath, in namespace $ns"
echo "# first plug, osvif (waits for ovs-vswitchd):"
osvif --only plug
check
echo "# re-plug, osvif (new process, waits for ovs-vswitchd after each transaction, as os-vif does):"
osvif --only plug
check
echo "# re-plug, osvif with wait_for_vswitchd=false:"
osvif --only plug --set org.osvif.plug.ovs.wait_for_vswitchd=false
check
echo "# re-plug, Python os-vif 3.0.0 (native IDL), the same VIFs:"
ip netns exec "$ns" /usr/bin/python3 "$repo/benchmarks/ovs/py_replug.py" "$n" "$db" 2>/dev/null
check
echo "# unplug, osvif:"
osvif --only unplug --set org.osvif.plug.ovs.wait_for_vswitchd=false
[ "$(ovs-vsctl --db=$db list-ports br-int | wc -l)" -eq 0 ] && echo "# check: br-int empty"
