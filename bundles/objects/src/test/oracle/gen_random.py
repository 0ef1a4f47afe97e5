"""Random valid os-vif objects of every registered class, made by Python os-vif itself.

usage: gen_random.py --seed S --per-class N
Prints obj_to_primitive() of N objects of each of the 31 classes, one JSON per line (changes
sorted), only objects that are fixed points of Python's own round trip. Deterministic per seed.
Values use the many spellings os-vif's fields accept (upper-case MACs with '-', IPv6 in long
form, IPv4 in inet_aton forms, CIDRs with host bits), so the Java side sees Python's coercions.
"""
import argparse
import json
import random
import sys
import uuid

from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields as F

from osvif_oracle import VO, dumps
from os_vif.objects import fields as osv_fields

REG = ovo_base.VersionedObjectRegistry.obj_classes()


def rnd_str(r):
    alphabet = 'abcXYZ019 -_"\\/\u00e9\u4e2d\U0001F600\t\n\x01'
    return ''.join(r.choice(alphabet) for _ in range(r.randint(0, 12)))


def rnd_uuid(r):
    u = str(uuid.UUID(int=r.getrandbits(128)))
    return u.upper() if r.random() < 0.1 else u


def rnd_mac(r):
    b = ['%02x' % r.randint(0, 255) for _ in range(6)]
    sep = r.choice([':', ':', '-'])
    m = sep.join(b)
    return m.upper() if r.random() < 0.3 else m


def rnd_pci(r):
    p = '%04x:%02x:%02x.%d' % (r.randint(0, 0xffff), r.randint(0, 255), r.randint(0, 31), r.randint(0, 7))
    return p.upper() if r.random() < 0.3 else p


def rnd_v4(r, lenient=True):
    b = [r.randint(0, 255) for _ in range(4)]
    if lenient and r.random() < 0.2:
        k = r.random()
        if k < 0.3:
            return '%d.%d.%d' % (b[0], b[1], b[2] * 256 + b[3])    # inet_aton 3 parts
        if k < 0.5:
            return '0x%x.%d.%d.%d' % tuple(b)                      # hex part
        if k < 0.7:
            return '0%o.%d.%d.%d' % tuple(b)                       # octal part
        return '%d' % (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3])  # one number
    return '%d.%d.%d.%d' % tuple(b)


def rnd_v6(r):
    w = [0 if r.random() < 0.4 else r.randint(0, 0xffff) for _ in range(8)]
    k = r.random()
    if k < 0.1:
        return '::ffff:%d.%d.%d.%d' % tuple(r.randint(0, 255) for _ in range(4))
    if k < 0.15:
        return r.choice(['::', '::1', '::2', '1::', 'fe80::1'])
    if k < 0.4:
        return ':'.join('%04x' % x for x in w)                    # long form, leading zeros
    s = ':'.join('%x' % x for x in w)
    return s.upper() if r.random() < 0.2 else s


def rnd_ip(r):
    return rnd_v4(r) if r.random() < 0.5 else rnd_v6(r)


def rnd_net(r):
    if r.random() < 0.5:
        return '%s/%d' % (rnd_v4(r, lenient=False), r.randint(0, 32))
    return '%s/%d' % (rnd_v6(r), r.randint(0, 128))


def classes_for(objname, subclasses):
    if not subclasses:
        return [REG[objname][0]]
    base = REG[objname][0]
    return [c[0] for c in REG.values() if issubclass(c[0], base)]


def value(r, field, depth):
    if isinstance(field, osv_fields.ListOfIPAddressField):
        return [rnd_ip(r) for _ in range(r.randint(0, 3))]
    if isinstance(field, F.ListOfObjectsField):
        cls = REG[field._type._element_type._type._obj_name][0]
        return [make(r, cls, depth + 1) for _ in range(0 if depth > 3 else r.randint(0, 3))]
    if isinstance(field, F.ObjectField):
        if depth > 3:
            return None
        t = field._type
        return make(r, r.choice(classes_for(t._obj_name, t._subclasses)), depth + 1)
    if isinstance(field, F.BaseEnumField):
        return r.choice(field._type._valid_values)
    if isinstance(field, F.UUIDField):
        return rnd_uuid(r)
    if isinstance(field, F.MACAddressField):
        return rnd_mac(r)
    if isinstance(field, F.PCIAddressField):
        return rnd_pci(r)
    if isinstance(field, F.IPAddressField):
        return rnd_ip(r)
    if isinstance(field, F.IPNetworkField):
        return rnd_net(r)
    if isinstance(field, F.BooleanField):
        return r.random() < 0.5
    if isinstance(field, F.IntegerField):
        return r.choice([0, 1, 1450, 9000, 4094, r.randint(-2**31, 2**31), r.randint(0, 2**62)])
    if isinstance(field, F.StringField):
        return rnd_str(r)
    raise TypeError(field)


def make(r, cls, depth=0):
    obj = cls()
    for name, field in cls.fields.items():
        if r.random() < 0.25:
            continue
        if field.nullable and r.random() < 0.2:
            setattr(obj, name, None)
            continue
        v = value(r, field, depth)
        if v is None and not field.nullable:
            continue
        setattr(obj, name, v)
    k = r.random()
    if k < 0.1:
        obj.obj_reset_changes(recursive=True)
    elif k < 0.2:
        obj.obj_reset_changes(recursive=False)
    return obj


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--per-class', type=int, default=1000)
    a = ap.parse_args()
    r = random.Random(a.seed)
    skipped = 0
    for name in sorted(REG):
        made = 0
        while made < a.per_class:
            prim = make(r, REG[name][0]).obj_to_primitive()
            text = dumps(prim)
            back = dumps(VO.obj_from_primitive(json.loads(text)).obj_to_primitive())
            if back != text:
                skipped += 1
                continue
            print(text)
            made += 1
    if skipped:
        print('skipped %d objects that are not fixed points of Python\'s round trip' % skipped, file=sys.stderr)


if __name__ == '__main__':
    main()
