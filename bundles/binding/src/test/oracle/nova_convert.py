"""Oracle: Nova 26's conversion. Each stdin line is a Nova network-model VIF (JSON); prints
nova_to_osvif_vif(VIF.hydrate(vif)).obj_to_primitive() with changes sorted, or
{"none": true} where Nova returns None, or {"error": "Name: message"}."""
import json
import sys
import warnings

warnings.simplefilter('ignore')

from nova.network import model  # noqa: E402
from nova.network import os_vif_util  # noqa: E402
from os_vif import objects  # noqa: E402

objects.register_all()


def sort_changes(x):
    if isinstance(x, dict):
        return {k: (sorted(v) if k == 'versioned_object.changes' else sort_changes(v)) for k, v in x.items()}
    if isinstance(x, list):
        return [sort_changes(e) for e in x]
    return x


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        obj = os_vif_util.nova_to_osvif_vif(model.VIF.hydrate(json.loads(line)))
        out = {'none': True} if obj is None else sort_changes(obj.obj_to_primitive())
    except Exception as e:
        out = {'error': '%s: %s' % (type(e).__name__, e)}
    print(json.dumps(out))
