"""Oracle: Python os-vif 3.0.0's ovs plugin (native IDL, privsep in-process), driven line by line.
argv: ovsdb_connection, config JSON ({"isolate_vif": true, ...}); stdin: one spec per line
({"action": "plug"|"unplug"|"describe", ...}); stdout: one line per spec, "ok", "error: ..." or JSON."""
import json, sys, tempfile
import os_vif
from os_vif import objects
from oslo_config import cfg
from oslo_concurrency import lockutils
from vif_plug_ovs import privsep as p
p.vif_plug.set_client_mode(False)
lockutils.set_defaults(tempfile.mkdtemp())
os_vif.initialize()
cfg.CONF.set_override('ovsdb_connection', sys.argv[1], group='os_vif_ovs')
cfg.CONF.set_override('ovs_vsctl_timeout', 20, group='os_vif_ovs')
for k, v in json.loads(sys.argv[2]).items():
    cfg.CONF.set_override(k, v, group='os_vif_ovs')
os_vif.initialize(reset=True)


def build(s):
    net_args = dict(id='437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7', bridge=s['bridge'])
    if s.get('mtu') is not None:
        net_args['mtu'] = s['mtu']
    net = objects.network.Network(**net_args)
    prof_args = dict(interface_id=s['interface_id'], profile_id='')
    if s.get('datapath_type') is not None:
        prof_args['datapath_type'] = s['datapath_type']
    if s.get('create_port') is not None:
        prof_args['create_port'] = s['create_port']
    if s['kind'] == 'hostdev':
        prof = objects.vif.VIFPortProfileOVSRepresentor(representor_name=s['representor_name'],
                                                        representor_address=s['dev_address'], **prof_args)
    else:
        prof = objects.vif.VIFPortProfileOpenVSwitch(**prof_args)
    common = dict(id=s['id'], address=s['address'], network=net, plugin='ovs', port_profile=prof)
    if s['kind'] == 'ovs':
        return objects.vif.VIFOpenVSwitch(vif_name=s['vif_name'], bridge_name=s['bridge'], **common)
    if s['kind'] == 'bridge':
        return objects.vif.VIFBridge(vif_name=s['vif_name'], bridge_name=s['linux_bridge'], **common)
    if s['kind'] == 'vhostuser':
        return objects.vif.VIFVHostUser(path=s['path'], mode=s['mode'], **common)
    if s['kind'] == 'hostdev':
        return objects.vif.VIFHostDevice(dev_type='ethernet', dev_address=s['dev_address'], **common)
    raise ValueError(s['kind'])


inst = objects.instance_info.InstanceInfo(uuid='f0000000-0000-0000-0000-000000000001', name='vm1')
for line in sys.stdin:
    s = json.loads(line)
    try:
        if s['action'] == 'describe':
            print(json.dumps(os_vif._EXT_MANAGER['ovs'].obj.describe().obj_to_primitive()))
        else:
            getattr(os_vif, s['action'])(build(s), inst)
            print('ok')
    except Exception as e:
        print('error: ' + str(e).replace('\n', ' '))
    sys.stdout.flush()
