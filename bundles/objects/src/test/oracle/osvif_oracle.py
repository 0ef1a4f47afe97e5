"""Shared helpers of the os-vif oracle scripts (Debian python3-os-vif 3.0.0)."""
import json
import warnings

warnings.simplefilter('ignore')

import os_vif  # noqa: E402
from os_vif import objects as o  # noqa: E402
from oslo_versionedobjects import base as ovo_base  # noqa: E402

o.register_all()
VO = o.base.VersionedObject


def sort_changes(x):
    """Python emits changes in set order; sorting makes output comparable."""
    if isinstance(x, dict):
        return {k: (sorted(v) if k == 'versioned_object.changes' else sort_changes(v)) for k, v in x.items()}
    if isinstance(x, list):
        return [sort_changes(e) for e in x]
    return x


def dumps(prim):
    return json.dumps(sort_changes(prim))


def error(e):
    return {'error': '%s: %s' % (type(e).__name__, e)}


def names(obj):
    """Class names of obj and every object below it."""
    if not isinstance(obj, ovo_base.VersionedObject):
        return set()
    out = {obj.obj_name()}
    for f in obj.fields:
        if obj.obj_attr_is_set(f):
            val = getattr(obj, f)
            for e in (val if isinstance(val, list) else [val]):
                out |= names(e)
    return out


def emit(obj, targets):
    """docs/testing.md, 'What a target means': every object whose class is named in targets is
    written by its own obj_to_primitive(target_version=...), outermost first."""
    name = obj.obj_name()
    prim = (obj.obj_to_primitive(target_version=targets[name]) if name in targets else obj.obj_to_primitive())
    data = prim['versioned_object.data']
    for field in list(data):
        val = getattr(obj, field)
        if isinstance(val, ovo_base.VersionedObject):
            if names(val) & targets.keys():
                data[field] = emit(val, targets)
        elif isinstance(val, list) and any(names(e) & targets.keys() for e in val):
            data[field] = [emit(e, targets) for e in val]
    return prim
