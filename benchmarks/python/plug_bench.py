"""Python os-vif's plug and unplug latency: the figure osvif's `bench plug` is compared with.

    plug_bench.py linux_bridge N
    plug_bench.py ovs N OVSDB_CONNECTION [native|vsctl]

Run as root inside a fresh network namespace (benchmarks/*/compare.sh make one) with Debian's
/usr/bin/python3 and python3-os-vif 3.0.0. privsep runs in this process (no daemon, no
rootwrap), so the figure is the library's own cost. The VIFs are osvif's `bench plug` VIFs:
  linux_bridge: VIFBridge tapNNNNN on a new bridge qbrNNNNN each, MTU 1450, no bridge
                interface, filtering by Neutron (has_traffic_filtering), so no iptables rules;
  ovs:          VIFOpenVSwitch tapNNNNN on br-int (netdev), create_port, MTU 1450.
All N are plugged, then all unplugged. Prints one JSON line:
  {"impl": "python-os-vif", "kind", "n", "plug_ms_median", "plug_ms_p99", "unplug_ms_median", "unplug_ms_p99"}
"""
import json
import statistics
import sys
import tempfile
import time
import uuid
import warnings

warnings.simplefilter('ignore')

import os_vif  # noqa: E402
from os_vif import objects  # noqa: E402
from oslo_concurrency import lockutils  # noqa: E402
from oslo_config import cfg  # noqa: E402


def usage():
    sys.exit(__doc__.split('\n\n')[1])


def configure(kind, argv):
    if kind == 'linux_bridge':
        from vif_plug_linux_bridge import privsep
    elif kind == 'ovs' and argv:
        from vif_plug_ovs import privsep
    else:
        usage()
    privsep.vif_plug.set_client_mode(False)  # privileged calls in this process
    lockutils.set_defaults(tempfile.mkdtemp())  # os-vif's external locks, not in /var/lib
    os_vif.initialize()  # registers the options of the plugins
    if kind == 'ovs':
        cfg.CONF.set_override('ovsdb_connection', argv[0], group='os_vif_ovs')
        cfg.CONF.set_override('ovsdb_interface', argv[1] if len(argv) > 1 else 'native', group='os_vif_ovs')
        os_vif.initialize(reset=True)  # again, so the ovs plugin connects where told


def make_vif(kind, i):
    vid = str(uuid.uuid4())
    mac = 'ca:fe:de:ad:%02x:%02x' % (i // 256, i % 256)
    network = objects.network.Network(id=str(uuid.uuid4()), label='n', mtu=1450, bridge_interface=None, vlan=None,
                                      bridge='br%d' % (i % 50) if kind == 'linux_bridge' else 'br-int',
                                      should_provide_bridge=True, should_provide_vlan=False)
    if kind == 'linux_bridge':
        return objects.vif.VIFBridge(id=vid, address=mac, network=network, plugin='linux_bridge',
                                     vif_name='tap%05d' % i, bridge_name='qbr%05d' % i,
                                     has_traffic_filtering=True)
    profile = objects.vif.VIFPortProfileOpenVSwitch(interface_id=vid, profile_id='', datapath_type='netdev',
                                                    create_port=True)
    return objects.vif.VIFOpenVSwitch(id=vid, address=mac, network=network, plugin='ovs', vif_name='tap%05d' % i,
                                      bridge_name='br-int', port_profile=profile)


def timed(call, vifs, instance):
    ms = []
    for v in vifs:
        start = time.perf_counter()
        call(v, instance)
        ms.append((time.perf_counter() - start) * 1e3)
    return ms


def p99(ms):
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def main():
    if len(sys.argv) < 3:
        usage()
    kind, n = sys.argv[1], int(sys.argv[2])
    configure(kind, sys.argv[3:])
    instance = objects.instance_info.InstanceInfo(uuid=str(uuid.uuid4()), name='vm1', project_id='p1')
    vifs = [make_vif(kind, i) for i in range(n)]
    plug = timed(os_vif.plug, vifs, instance)
    unplug = timed(os_vif.unplug, vifs, instance)
    print(json.dumps({'impl': 'python-os-vif', 'kind': kind, 'n': n,
                      'plug_ms_median': round(statistics.median(plug), 3), 'plug_ms_p99': round(p99(plug), 3),
                      'unplug_ms_median': round(statistics.median(unplug), 3),
                      'unplug_ms_p99': round(p99(unplug), 3)}))


if __name__ == '__main__':
    main()
