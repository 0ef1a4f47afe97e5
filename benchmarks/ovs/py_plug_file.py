"""Python os-vif 3.0.0 (native OVSDB interface, privsep in-process) plugging or unplugging every VIF
of a JSONL file one after the other, as Nova loops over an instance's VIFs: the Python side of
`osvif plug FILE`. Time the whole process from outside (process start included).
usage: py_plug_file.py plug|unplug FILE OVSDB_CONNECTION"""
import json, sys, tempfile, time
import os_vif
from os_vif import objects
from oslo_config import cfg
from oslo_concurrency import lockutils
from vif_plug_ovs import privsep

verb, path, conn = sys.argv[1], sys.argv[2], sys.argv[3]
privsep.vif_plug.set_client_mode(False)
lockutils.set_defaults(tempfile.mkdtemp())
os_vif.initialize()
cfg.CONF.set_override('ovsdb_connection', conn, group='os_vif_ovs')
os_vif.initialize(reset=True)
t0 = time.perf_counter()
n = 0
with open(path) as f:
    for line in f:
        req = json.loads(line)
        vif = objects.base.VersionedObject.obj_from_primitive(req["vif"])
        inst = objects.base.VersionedObject.obj_from_primitive(req["instance_info"])
        (os_vif.plug if verb == 'plug' else os_vif.unplug)(vif, inst)
        n += 1
ms = (time.perf_counter() - t0) * 1e3
print(json.dumps({"impl": "python-os-vif", "verb": verb, "n": n, "loop_ms_per_vif": round(ms / n, 3)}))
