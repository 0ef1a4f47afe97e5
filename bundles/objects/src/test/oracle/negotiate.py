"""Negotiation oracle: stdin lines {"input": VIF primitive, "host_info": HostInfo primitive};
prints {"expected": Q} or {"expected": null, "python_error": "Name: msg"}.

The versions are chosen as osvif documents it (os-vif's get_common_version can only offer its
one registered version): the highest 1.x in [min_version, max_version] not above the object's
own version, for the VIF and, when the peer lists port profiles, for its profile. Python os-vif
then writes the VIF with those targets (docs/testing.md, 'What a target means')."""
import json
import sys

from os_vif import exception
from osvif_oracle import VO, emit, sort_changes


def common(name, own, lo, hi, notsupported):
    major, top = (int(x) for x in own.split('.'))
    for minor in range(top, -1, -1):
        v = (major, minor)
        if tuple(int(x) for x in lo.split('.')) <= v <= tuple(int(x) for x in hi.split('.')):
            return '%d.%d' % v
    raise notsupported(name=name, got_versions=','.join('%d.%d' % (major, m) for m in range(top + 1)),
                       min_version=lo, max_version=hi)


for line in sys.stdin:
    if not line.strip():
        continue
    case = json.loads(line)
    try:
        vif = VO.obj_from_primitive(case['input'])
        hi = VO.obj_from_primitive(case['host_info'])
        vinfo = hi.get_plugin(vif.plugin).get_vif(vif.obj_name())
        targets = {vif.obj_name(): common(vif.obj_name(), vif.VERSION, vinfo.min_version, vinfo.max_version,
                                          exception.NoSupportedVIFVersion)}
        prof = vif.port_profile if vif.obj_attr_is_set('port_profile') else None
        if prof is not None and vinfo.obj_attr_is_set('supported_port_profiles'):
            match = [p for p in vinfo.supported_port_profiles if p.profile_object_name == prof.obj_name()]
            if not match:
                raise exception.NoMatchingPortProfileClass(name=prof.obj_name())
            targets[prof.obj_name()] = common(prof.obj_name(), prof.VERSION, match[0].min_version,
                                              match[0].max_version, exception.NoSupportedPortProfileVersion)
        out = {'expected': sort_changes(emit(vif, targets))}
    except Exception as e:
        out = {'expected': None, 'python_error': '%s: %s' % (type(e).__name__, e)}
    print(json.dumps(out))
