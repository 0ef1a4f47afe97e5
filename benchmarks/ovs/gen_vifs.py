"""Writes N fresh VIFOpenVSwitch plug requests as JSON lines, in Python os-vif's own wire format
({"vif": <primitive>, "instance_info": <primitive>}): the input of `osvif plug FILE` and of
py_plug_file.py alike. Bridge br-int, netdev datapath, create_port, MTU 1450.
usage: gen_vifs.py N > vifs.jsonl"""
import json, sys, uuid
from os_vif import objects
objects.register_all()
n = int(sys.argv[1])
inst = objects.instance_info.InstanceInfo(uuid=str(uuid.uuid4()), name='vm1', project_id='p1')
net = objects.network.Network(id=str(uuid.uuid4()), bridge='br-int', label='n', should_provide_bridge=True,
                              should_provide_vlan=False, mtu=1450)
for i in range(n):
    vid = str(uuid.uuid4())
    prof = objects.vif.VIFPortProfileOpenVSwitch(interface_id=vid, profile_id='', datapath_type='netdev', create_port=True)
    vif = objects.vif.VIFOpenVSwitch(id=vid, address='ca:fe:de:%02x:%02x:%02x' % (i >> 16 & 255, i >> 8 & 255, i & 255),
                                     network=net, plugin='ovs', vif_name='tapb%06d' % i, bridge_name='br-int',
                                     port_profile=prof)
    print(json.dumps({"vif": vif.obj_to_primitive(), "instance_info": inst.obj_to_primitive()}))
