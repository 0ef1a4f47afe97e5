"""Writes this project's test data with Python os-vif: the files next to this script.

    /usr/bin/python3 testdata/gen_testdata.py [OUTDIR]     (OUTDIR defaults to testdata/)

Needs Debian's python3-os-vif 3.0.0. The output is a pure function of the installed os-vif:
every UUID is uuid.UUID(int=n), nothing is random, every versioned_object.changes list is sorted
(Python keeps them in a set; their order means nothing) and so are the plugins of a HostInfo
(the order in which Python finds its plugins' entry points is the file system's). JSON keys stay
in the order obj_to_primitive() writes them (fixed by each class's field list): the wire format
as Python sends it, header before data, which is what osvif's reader meets in production.
So a second run writes the same bytes, and TestDataDriftTest (test-support) fails when it does not.
What each file holds, and what a target means: docs/testing.md.
"""
import json
import os
import sys
import uuid
import warnings

warnings.simplefilter('ignore')
sys.dont_write_bytecode = True  # nothing written into the source tree but the data
HERE = os.path.dirname(os.path.abspath(__file__))
# One implementation of "what a target means" (README), shared with the backlevel oracle.
sys.path.insert(0, os.path.join(HERE, '..', 'bundles', 'objects', 'src', 'test', 'oracle'))

import os_vif  # noqa: E402
from os_vif import objects as o  # noqa: E402
from osvif_oracle import VO, emit, sort_changes  # noqa: E402

os_vif.initialize()  # loads the installed plugins, for host_info()
vif, net, hi = o.vif, o.network, o.host_info


def uid(n):
    return str(uuid.UUID(int=n))


def dumps(primitive):
    return json.dumps(sort_changes(primitive)) + '\n'


# ------------------------------------------------------------------ parts of the objects
def fixed_ips(addresses, floating=()):
    return o.fixed_ip.FixedIPList(objects=[
        o.fixed_ip.FixedIP(address=a, floating_ips=list(floating)) for a in addresses])


def route_list(*routes):
    return o.route.RouteList(objects=[
        o.route.Route(cidr=cidr, gateway=gw, interface=dev) for cidr, gw, dev in routes])


def ipv4_subnet():
    return o.subnet.Subnet(
        cidr='10.20.0.0/24', dns=['10.20.0.2'], gateway='10.20.0.1', dhcp_server='10.20.0.2',
        ips=fixed_ips(['10.20.0.5'], floating=['203.0.113.5']),
        routes=route_list(('0.0.0.0/0', '10.20.0.1', 'eth0')))


def ipv6_subnet():
    return o.subnet.Subnet(
        cidr='fd00:1:2::/64', dns=['fd00:1:2::53', '2001:4860:4860::8844'], gateway='fd00:1:2::1',
        dhcp_server='fd00:1:2::2', ips=fixed_ips(['fd00:1:2::a', 'fd00:1:2::b']),
        routes=route_list(('::/0', 'fd00:1:2::1', 'eth0'), ('2001:db8:ff::/48', 'fd00:1:2::fe', 'eth1')))


def network(n, subnets=(), **fields):
    fields.setdefault('bridge', 'br-int')
    fields.setdefault('label', 'net%d' % n)
    return net.Network(id=uid(0x100 + n), subnets=o.subnet.SubnetList(objects=list(subnets)), **fields)


def representor(n):
    return vif.DatapathOffloadRepresentor(representor_name='rep%d' % n,
                                          representor_address='0000:0%d:00.1' % n)


def ovs_profile(n, **fields):
    return vif.VIFPortProfileOpenVSwitch(interface_id=uid(0x200 + n), profile_id='prof%d' % n, **fields)


def bench_vif():
    """The benchmark VIF (`osvif bench serialize`, benchmarks/python/serialize_bench.py): an
    OpenVSwitch VIF with an IPv4 and an IPv6 subnet, fixed IPs, routes and an offloaded profile."""
    v4 = o.subnet.Subnet(
        cidr='192.168.1.0/24', dns=['8.8.8.8', '8.8.4.4'], gateway='192.168.1.1', dhcp_server='192.168.1.2',
        ips=o.fixed_ip.FixedIPList(objects=[
            o.fixed_ip.FixedIP(address='192.168.1.%d' % i, floating_ips=['10.0.0.%d' % i]) for i in (2, 3, 4)]),
        routes=route_list(*[('10.%d.0.0/16' % i, '192.168.1.1', 'eth0') for i in (0, 1, 2)]))
    v6 = o.subnet.Subnet(
        cidr='2001:db8::/64', dns=['2001:4860:4860::8888'], gateway='2001:db8::1', dhcp_server='2001:db8::2',
        ips=fixed_ips([]), routes=route_list())
    return vif.VIFOpenVSwitch(
        id=uid(3), address='ca:fe:de:ad:be:ef', plugin='ovs', active=True, preserve_on_delete=False,
        has_traffic_filtering=True, vif_name='tap12345678-9a', bridge_name='br-int',
        network=net.Network(id=uid(1), bridge='br-int', label='tenantnet', mtu=1450, multi_host=False,
                            should_provide_bridge=False, should_provide_vlan=False,
                            subnets=o.subnet.SubnetList(objects=[v4, v6])),
        port_profile=vif.VIFPortProfileOpenVSwitch(
            interface_id=uid(2), profile_id='fishfood', datapath_type='netdev', create_port=True,
            datapath_offload=vif.DatapathOffloadRepresentor(representor_name='rep0',
                                                            representor_address='0000:02:00.1')))


# The port profiles, one of each class; VIFs below refer to them by name.
def profiles():
    return {
        'ovs': ovs_profile(1),
        'ovs_offload': ovs_profile(2, datapath_type='system', create_port=False, datapath_offload=representor(2)),
        'fp_ovs': vif.VIFPortProfileFPOpenVSwitch(
            interface_id=uid(0x203), profile_id='fp', datapath_type='netdev', create_port=True,
            bridge_name='br-fp', hybrid_plug=True),
        'representor': vif.VIFPortProfileOVSRepresentor(
            interface_id=uid(0x204), profile_id='rep', representor_name='eth4_rep',
            representor_address='0000:81:00.4'),
        'fp_bridge': vif.VIFPortProfileFPBridge(bridge_name='br-fpbr'),
        'fp_tap': vif.VIFPortProfileFPTap(mac_address='52:54:00:12:34:56', datapath_offload=None),
        'qbg': vif.VIFPortProfile8021Qbg(manager_id=1, type_id=2, type_id_version=3, instance_id=uid(0x205)),
        'qbh': vif.VIFPortProfile8021Qbh(profile_id='qbh-profile'),
        'k8s': vif.VIFPortProfileK8sDPDK(l3_setup=True, selflink='/api/v1/namespaces/default/pods/p',
                                         resourceversion='4711'),
    }


def vifs():
    p = profiles()
    plain, v6 = network(1), network(3, [ipv6_subnet()], mtu=9000)
    v4 = network(2, [ipv4_subnet()], bridge='brq-2', bridge_interface='eth1', vlan=100, mtu=1500,
                 should_provide_bridge=True, should_provide_vlan=True)
    dual = network(4, [ipv4_subnet(), ipv6_subnet()], label='dual stack', multi_host=True)
    unicode = network(5, label='r\u00e9seau \u7f51\u7edc \U0001f310')  # a surrogate pair in JSON
    return [
        bench_vif(),  # first: tests edit its MAC and expect line 1 to be named
        vif.VIFGeneric(id=uid(0x301), plugin='noop', vif_name='tap-generic'),
        vif.VIFGeneric(id=uid(0x302), address='00:16:3e:00:00:01', network=plain, plugin='noop', active=False,
                       vif_name='tapgen2'),
        vif.VIFBridge(id=uid(0x303), address='fa:16:3e:aa:bb:cc', network=v4, plugin='linux_bridge',
                      has_traffic_filtering=True, vif_name='tap0303', bridge_name='brq-2'),
        vif.VIFBridge(id=uid(0x304), network=dual, plugin='ovs', port_profile=p['ovs'], vif_name='tap0304',
                      bridge_name='qbr0304', preserve_on_delete=True),
        vif.VIFBridge(id=uid(0x305), plugin='vrouter', port_profile=p['fp_bridge'], vif_name='tap0305',
                      bridge_name='br-fpbr'),
        vif.VIFOpenVSwitch(id=uid(0x306), address='fa:16:3e:00:03:06', network=v6, port_profile=p['ovs_offload'],
                           vif_name='tap0306', bridge_name='br-int', plugin='ovs'),
        vif.VIFOpenVSwitch(id=uid(0x307), network=unicode, port_profile=p['fp_ovs'], vif_name='tap0307',
                           bridge_name='br-fp', plugin='ovs'),
        vif.VIFOpenVSwitch(id=uid(0x308), address=None, port_profile=p['representor'], vif_name='tap0308',
                           bridge_name='br-int', plugin='ovs'),
        vif.VIFDirect(id=uid(0x309), plugin='sriov', vif_name='macvtap0', dev_address='0000:05:00.3', mode='vepa',
                      vlan_name='eth5.100', port_profile=p['qbg']),
        vif.VIFDirect(id=uid(0x30a), plugin='sriov', vif_name='macvtap1', dev_address='0000:05:00.4',
                      mode='passthrough', vlan_name='', port_profile=p['qbh'], network=v4),
        vif.VIFDirect(id=uid(0x30b), plugin='sriov', vif_name='macvtap2', dev_address='0000:05:00.5', mode='bridge',
                      vlan_name='eth5.200'),
        vif.VIFVHostUser(id=uid(0x30c), network=v4, port_profile=p['ovs'], vif_name='vhu0000030c',
                         path='/var/run/vhu030c.sock', mode='client', plugin='ovs'),
        vif.VIFVHostUser(id=uid(0x30d), plugin='vrouter', port_profile=p['fp_tap'], vif_name='vhu030d',
                         path='/run/vhu030d', mode='server'),
        vif.VIFHostDevice(id=uid(0x30e), plugin='ovs', dev_type='ethernet', dev_address='0000:81:00.4',
                          port_profile=p['representor'], network=dual),
        vif.VIFHostDevice(id=uid(0x30f), plugin='sriov', dev_type='generic', dev_address='0000:82:10.7'),
        vif.VIFNestedDPDK(id=uid(0x310), plugin='kuryr', pci_address='0000:00:07.0', dev_driver='virtio-pci',
                          port_profile=p['k8s'], network=plain),
    ]


def hand_built_host_info():
    def profile(name, low, high):
        return hi.HostPortProfileInfo(profile_object_name=name, min_version=low, max_version=high)

    def vif_info(name, low, high, *profiles):
        return hi.HostVIFInfo(vif_object_name=name, min_version=low, max_version=high,
                              supported_port_profiles=list(profiles))
    return hi.HostInfo(plugin_info=[
        hi.HostPluginInfo(plugin_name='ovs', vif_info=[
            vif_info('VIFOpenVSwitch', '1.0', '1.0', profile('VIFPortProfileOpenVSwitch', '1.0', '1.1')),
            vif_info('VIFVHostUser', '1.0', '1.1', profile('VIFPortProfileOpenVSwitch', '1.0', '1.3'),
                     profile('VIFPortProfileFPOpenVSwitch', '1.0', '1.3'))]),
        hi.HostPluginInfo(plugin_name='sriov', vif_info=[vif_info('VIFHostDevice', '1.0', '1.0')]),
    ])


def plugins_by_name(host_info):
    host_info.plugin_info = sorted(host_info.plugin_info, key=lambda p: p.plugin_name)
    return host_info


def examples():
    """Valid objects of every class, each a fixed point of Python's own round trip."""
    quiet = vifs()[1]
    quiet.obj_reset_changes(recursive=True)  # a primitive with no changes keys at all
    objects = vifs() + list(profiles().values()) + [
        representor(7),
        vif.DatapathOffloadRepresentor(representor_name=None),
        network(6),
        network(7, [ipv4_subnet(), ipv6_subnet()], vlan=4094, mtu=1442),
        ipv6_subnet(),
        o.subnet.SubnetList(objects=[ipv4_subnet()]),
        fixed_ips(['198.51.100.7'], floating=['192.0.2.1', '192.0.2.2']),
        route_list(('198.51.100.0/24', '10.0.0.1', 'ens3')),
        o.instance_info.InstanceInfo(uuid=uid(0x400), name='instance-00000001',
                                     project_id='f00dcafe000000000000000000000001'),
        o.instance_info.InstanceInfo(uuid=uid(0x401), name='\u00fcber-vm \u2603', project_id='demo'),
        plugins_by_name(os_vif.host_info()),  # what the installed plugins (linux_bridge, noop, ovs) describe
        plugins_by_name(os_vif.host_info(['VIFOpenVSwitch', 'VIFVHostUser'])),
        hand_built_host_info(),
        quiet,
    ]
    lines = []
    for obj in objects:
        line = dumps(obj.obj_to_primitive())
        again = VO.obj_from_primitive(json.loads(line)).obj_to_primitive()
        if dumps(again) != line:
            raise SystemExit('not a fixed point of os-vif\'s round trip: ' + line)
        lines.append(line)
    return lines


def backlevel_cases():
    """(object, target) pairs: what Python writes for each target, or the error it raises."""
    p = profiles()

    def offloaded(profile):
        profile.datapath_offload = representor(5)
        return profile
    only_create_port = ovs_profile(8, create_port=True)
    only_create_port.obj_reset_changes(['interface_id', 'profile_id'])
    return [
        (ovs_profile(9, datapath_type='netdev', create_port=True, datapath_offload=representor(9)), target)
        for target in ({'VIFPortProfileOpenVSwitch': v} for v in ('1.0', '1.1', '1.2'))
    ] + [
        (vif.VIFPortProfileFPOpenVSwitch(
            interface_id=uid(0x206), profile_id='fp6', datapath_type='netdev', create_port=True,
            bridge_name='br-fp', hybrid_plug=True, datapath_offload=representor(6)),
         {'VIFPortProfileFPOpenVSwitch': v}) for v in ('1.0', '1.2')
    ] + [
        (vif.VIFPortProfileOVSRepresentor(
            interface_id=uid(0x207), profile_id='rep7', datapath_type='system', create_port=True,
            representor_name='rep7', representor_address='0000:03:00.7'),
         {'VIFPortProfileOVSRepresentor': '1.1'}),
        (only_create_port, {'VIFPortProfileOpenVSwitch': '1.2'}),  # its changes key disappears
        (offloaded(p['fp_bridge']), {'VIFPortProfileFPBridge': '1.0'}),
        (p['fp_tap'], {'VIFPortProfileFPTap': '1.0'}),
        (offloaded(p['qbg']), {'VIFPortProfile8021Qbg': '1.0'}),
        (p['qbh'], {'VIFPortProfile8021Qbh': '1.0'}),
        (offloaded(p['k8s']), {'VIFPortProfileK8sDPDK': '1.0'}),
        (vif.VIFVHostUser(id=uid(0x311), plugin='ovs', vif_name='vhu0311', path='/run/vhu0311', mode='client'),
         {'VIFVHostUser': '1.0'}),
        (hi.HostVIFInfo(vif_object_name='VIFBridge', min_version='1.0', max_version='1.0'), {'HostVIFInfo': '1.0'}),
        # nested: the named class is backlevelled wherever it occurs
        (bench_vif(), {'VIFPortProfileOpenVSwitch': '1.0'}),
        (bench_vif(), {'VIFOpenVSwitch': '1.0', 'VIFPortProfileOpenVSwitch': '1.1'}),
        # refused by Python: an object field set with no relationship declared, a version too new
        (vif.VIFVHostUser(id=uid(0x312), plugin='ovs', vif_name='vhu0312', path='/run/vhu0312', mode='server',
                          network=network(8)), {'VIFVHostUser': '1.0'}),
        (network(9, [ipv4_subnet()]), {'Network': '1.0'}),
        (hand_built_host_info().plugin_info[0].vif_info[0], {'HostVIFInfo': '1.0'}),
        (ovs_profile(3), {'VIFPortProfileOpenVSwitch': '1.4'}),
    ]


def backlevel():
    lines = []
    for obj, target in backlevel_cases():
        case = {'input': obj.obj_to_primitive(), 'target': target}
        try:
            case['expected'] = emit(obj, target)
        except Exception as e:  # what Python raises is the expected outcome
            case.update(expected=None, python_error='%s: %s' % (type(e).__name__, e))
        lines.append(dumps(case))
    return lines


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(out, exist_ok=True)
    files = {
        'vif_ovs_full.json': [dumps(bench_vif().obj_to_primitive())],
        'examples.jsonl': examples(),
        'backlevel.jsonl': backlevel(),
    }
    for name, lines in files.items():
        with open(os.path.join(out, name), 'w', encoding='ascii', newline='\n') as f:
            f.writelines(lines)


if __name__ == '__main__':
    main()
