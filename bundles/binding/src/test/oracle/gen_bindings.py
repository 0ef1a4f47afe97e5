"""Random Nova network-model VIFs (what Nova keeps in network_info) covering every VIF type and
vnic_type Nova's os_vif_util handles, and the ones it refuses. usage: gen_bindings.py SEED N"""
import json
import random
import sys
import uuid

TYPES = ['ovs'] * 6 + ['bridge', 'ivs', 'agilio_ovs', 'agilio_ovs', 'vhostuser', 'vhostuser', 'vhostuser',
         'vrouter', 'vrouter', 'binding_failed', 'unbound', 'tap', 'macvtap', 'hw_veb', 'hostdev_physical',
         '802.1qbh', 'other', 'nonsense']
VNIC = ['normal'] * 4 + ['direct', 'vdpa', 'remote-managed', 'virtio-forwarder', 'macvtap', 'direct-physical',
                         'baremetal']


def U(r):
    return str(uuid.UUID(int=r.getrandbits(128)))


def ip4(r):
    return '10.%d.%d.%d' % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def ip6(r):
    return '2001:db8:%x::%x' % (r.randint(0, 0xffff), r.randint(1, 0xffff))


def subnet(r, v6):
    ip = ip6 if v6 else ip4
    s = {'cidr': '2001:db8:%x::/64' % r.randint(0, 99) if v6 else '10.%d.0.0/16' % r.randint(0, 255),
         'dns': [{'address': ip(r), 'type': 'dns', 'version': 6 if v6 else 4, 'meta': {}}
                 for _ in range(r.randint(0, 2))],
         'gateway': r.choice([None, {'address': ip(r), 'type': 'gateway', 'version': 6 if v6 else 4, 'meta': {}},
                              {'address': None, 'type': 'gateway', 'version': None, 'meta': {}}]),
         'ips': [{'address': ip(r), 'type': 'fixed', 'version': 6 if v6 else 4, 'meta': {},
                  'floating_ips': [{'address': ip4(r), 'type': 'floating', 'version': 4, 'meta': {}}
                                   for _ in range(r.randint(0, 2))]}
                 for _ in range(r.randint(0, 3))],
         'routes': [{'cidr': '172.%d.0.0/16' % r.randint(16, 31),
                     'gateway': r.choice([None, {'address': ip4(r), 'type': 'gateway', 'version': 4, 'meta': {}}]),
                     'interface': r.choice([None, 'eth0']), 'meta': {}}
                    for _ in range(r.randint(0, 2))],
         'version': 6 if v6 else 4, 'meta': {'dhcp_server': ip(r)}}
    return s


def network(r):
    meta = {'injected': False, 'tenant_id': 'p1'}
    if r.random() < 0.6:
        meta['mtu'] = r.choice([1450, 1500, 9000, '1400'])
    if r.random() < 0.3:
        meta['multi_host'] = r.choice([True, False])
    if r.random() < 0.3:
        meta['should_create_bridge'] = r.choice([True, False])
    if r.random() < 0.2:
        meta['should_create_vlan'] = True
        if r.random() < 0.85:
            meta['vlan'] = r.randint(1, 4094)
    if r.random() < 0.3:
        meta['bridge_interface'] = 'eth%d' % r.randint(0, 3)
    if r.random() < 0.3:
        meta['physical_network'] = 'physnet1'
    return {'id': U(r), 'bridge': r.choice(['br-int', 'br-int', None, 'brq%06x' % r.getrandbits(24)]),
            'label': r.choice(['private', None, 'net-\u00e9']),
            'subnets': [subnet(r, r.random() < 0.4) for _ in range(r.randint(0, 3))], 'meta': meta}


def details(r, t):
    d = {}
    if r.random() < 0.7:
        d['port_filter'] = r.choice([True, False])
    if r.random() < 0.6:
        d['ovs_hybrid_plug'] = r.choice([True, False])
    if r.random() < 0.4:
        d['datapath_type'] = r.choice(['system', 'netdev'])
    if t == 'vhostuser' or r.random() < 0.1:
        if r.random() < 0.9:
            d['vhostuser_socket'] = '/var/run/openvswitch/vhu%06x' % r.getrandbits(24)
        if r.random() < 0.5:
            d['vhostuser_mode'] = r.choice(['client', 'server'])
        k = r.random()
        if k < 0.3:
            d['vhostuser_fp_plug'] = True
            d['vhostuser_ovs_plug'] = r.choice([True, False])
        elif k < 0.6:
            d['vhostuser_ovs_plug'] = True
        elif k < 0.75:
            d['vhostuser_vrouter_plug'] = True
    if r.random() < 0.2:
        d['bridge_name'] = 'br-%d' % r.randint(0, 9)
    return d


def vif(r):
    t = r.choice(TYPES)
    v = {'id': U(r), 'address': 'fa:16:3e:%02x:%02x:%02x' % (r.getrandbits(8), r.getrandbits(8), r.getrandbits(8)),
         'type': t, 'details': details(r, t), 'network': network(r),
         'vnic_type': r.choice(VNIC), 'active': r.choice([True, False]),
         'preserve_on_delete': r.choice([True, False]), 'meta': {}}
    if r.random() < 0.3:
        v['devname'] = ('tap' + v['id'])[:14]
    if r.random() < 0.5:
        v['ovs_interfaceid'] = r.choice([v['id'], U(r)])
    if r.random() < 0.7:
        v['profile'] = {'pci_slot': '0000:%02x:%02x.%d' % (r.getrandbits(8), r.randint(0, 31), r.randint(0, 7)),
                        'physical_network': 'physnet1'}
    else:
        v['profile'] = r.choice([{}, None])
    if r.random() < 0.2:
        v['delegate_create'] = True
    if r.random() < 0.05:
        del v['details']
    return v


r = random.Random(int(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    print(json.dumps(vif(r)))
