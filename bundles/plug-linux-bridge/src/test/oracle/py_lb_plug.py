"""Oracle: Python os-vif 3.0.0's linux_bridge plugin, run in-process (privsep client mode off).

  py_lb_plug.py describe                 -> the plugin's describe() primitive (one JSON line)
  py_lb_plug.py plug '{"flat_interface": "eth0", ...}' < requests.jsonl
      each line {"vif": <VIF primitive>, "instance_info": <InstanceInfo primitive>}
      -> one line each: {"ok": true} or {"ok": false, "error": "<Class>: <message>"}

Run it as root inside the namespace to plug in (ip netns exec NS /usr/bin/python3 ...).
"""
import json
import sys
import tempfile

import os_vif
from os_vif import objects
from oslo_concurrency import lockutils
from oslo_config import cfg
from vif_plug_linux_bridge import privsep

privsep.vif_plug.set_client_mode(False)
lockutils.set_defaults(tempfile.mkdtemp())
os_vif.initialize()
from os_vif.objects import base  # noqa: E402 (registered by initialize)

if sys.argv[1] == 'describe':
    plugin = os_vif._EXT_MANAGER['linux_bridge'].obj
    print(json.dumps(plugin.describe().obj_to_primitive()))
    sys.exit(0)

for key, value in json.loads(sys.argv[2]).items():
    cfg.CONF.set_override(key, value, group='os_vif_linux_bridge')
os_vif.initialize(reset=True)

for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    vif = base.VersionedObject.obj_from_primitive(req['vif'])
    inst = base.VersionedObject.obj_from_primitive(req['instance_info'])
    try:
        os_vif.plug(vif, inst)
        print(json.dumps({'ok': True}), flush=True)
    except Exception as e:  # the oracle reports, the test judges
        cause = e.__cause__ or e
        print(json.dumps({'ok': False, 'error': '%s: %s' % (type(cause).__name__, cause)}), flush=True)
