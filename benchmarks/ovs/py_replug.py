"""Python os-vif 3.0.0 (native IDL, privsep in-process) plugging the VIFs of osvif's
`bench plug --plugin ovs`, VIF i identical field for field (id = Java's
UUID.nameUUIDFromBytes("osvif-bench-<i>"), MAC, tap name, network, instance), so that on an
OVS where they are already plugged this is a re-plug (a host restart).
usage: py_replug.py N OVSDB_CONNECTION   (root, inside the OVS namespace)
Prints one JSON line: per-plug median/p99 ms and the total in seconds."""
import hashlib, json, statistics, sys, tempfile, time, uuid
import os_vif
from os_vif import objects
from oslo_config import cfg
from oslo_concurrency import lockutils
from vif_plug_ovs import privsep as p

n = int(sys.argv[1])
p.vif_plug.set_client_mode(False)
lockutils.set_defaults(tempfile.mkdtemp())
os_vif.initialize()
cfg.CONF.set_override('ovsdb_connection', sys.argv[2], group='os_vif_ovs')
os_vif.initialize(reset=True)
inst = objects.instance_info.InstanceInfo(uuid='f0000000-0000-0000-0000-0000000000b1', name='vm1', project_id='p1')


def vif(i):
    vid = str(uuid.UUID(bytes=hashlib.md5(('osvif-bench-%d' % i).encode()).digest(), version=3))
    net = objects.network.Network(id='437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7', bridge='br-int', label='n',
                                  should_provide_bridge=True, should_provide_vlan=False, mtu=1450)
    prof = objects.vif.VIFPortProfileOpenVSwitch(interface_id=vid, profile_id='', datapath_type='netdev',
                                                 create_port=True)
    return objects.vif.VIFOpenVSwitch(id=vid, address='ca:fe:%02x:%02x:%02x:%02x' % (
        (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255), network=net, plugin='ovs',
        vif_name='tap%07d' % i, bridge_name='br-int', port_profile=prof)


vifs = [vif(i) for i in range(n)]
ts = []
for v in vifs:
    t = time.perf_counter(); os_vif.plug(v, inst); ts.append((time.perf_counter() - t) * 1e3)
q = lambda xs, f: sorted(xs)[min(len(xs) - 1, int(f * len(xs)))]
print(json.dumps({"impl": "os-vif-3.0.0", "n": n, "plug_ms_median": round(statistics.median(ts), 3),
                  "plug_ms_p99": round(q(ts, .99), 3), "plug_s_total": round(sum(ts) / 1e3, 2)}))
