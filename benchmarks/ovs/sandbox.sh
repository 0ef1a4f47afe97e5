# Sourced by the ovs benchmarks: one Open vSwitch (ovsdb-server + ovs-vswitchd, netdev datapath,
# bridge br-int) in a fresh network namespace, removed on exit. Before sourcing set `prefix`
# (names the namespace and the folder) and optionally `ovsdb_extra` (more ovsdb-server options).
# Sets: d (its folder), ns (the namespace), db (unix:$d/db.sock).
d=$(mktemp -d "/tmp/$prefix.XXXXXX")
ns=$prefix-$$
db=unix:$d/db.sock
cleanup() {
  for p in vswitchd ovsdb; do
    [ -f "$d/$p.pid" ] && kill "$(cat "$d/$p.pid" 2>/dev/null)" 2>/dev/null || true
  done
  for p in vswitchd ovsdb; do
    [ -f "$d/$p.pid" ] && while kill -0 "$(cat "$d/$p.pid" 2>/dev/null)" 2>/dev/null; do :; done
  done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$d"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
export OVS_RUNDIR=$d OVS_LOGDIR=$d OVS_DBDIR=$d
ovsdb-tool create "$d/conf.db" /usr/share/openvswitch/vswitch.ovsschema
# shellcheck disable=SC2086 # ovsdb_extra is a list of options
ip netns exec "$ns" ovsdb-server "$d/conf.db" --remote=punix:"$d/db.sock" ${ovsdb_extra:-} \
  --pidfile="$d/ovsdb.pid" --detach --log-file="$d/ovsdb.log" --unixctl="$d/ovsdb.ctl"
ovs-vsctl --db="$db" --no-wait init
ip netns exec "$ns" ovs-vswitchd "$db" --pidfile="$d/vswitchd.pid" --detach \
  --log-file="$d/vswitchd.log" --unixctl="$d/vswitchd.ctl"
ovs-vsctl --db="$db" add-br br-int -- set bridge br-int datapath_type=netdev
