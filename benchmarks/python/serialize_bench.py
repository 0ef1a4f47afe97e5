"""Python os-vif's serialization cost: the figure osvif's `bench serialize` is compared with.

    serialize_bench.py [SECONDS per figure, default 2]

With Debian's /usr/bin/python3 and python3-os-vif. The object is the benchmark VIF of the
repository's test data, testdata/vif_ovs_full.json (a VIFOpenVSwitch with a network of two
subnets, fixed IPs, routes and a port profile with datapath offload; `osvif bench serialize`
builds the same in code). Times, in calls per second:
  serialize:          obj_to_primitive() then json.dumps()
  deserialize:        json.loads() then VersionedObject.obj_from_primitive()
  to_primitive_v1_0:  obj_to_primitive(target_version='1.0')
Prints one JSON line: {"json_bytes", "serialize_per_s", "deserialize_per_s", "to_primitive_v1_0_per_s"}
"""
import json
import os
import sys
import time
import warnings

warnings.simplefilter('ignore')

from os_vif import objects  # noqa: E402

VIF_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'testdata', 'vif_ovs_full.json')


def per_second(call, seconds):
    """Calls in batches of 100 until `seconds` have passed; the clock is read once a batch."""
    calls, start = 0, time.perf_counter()
    while True:
        for _ in range(100):
            call()
        calls += 100
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls / elapsed


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    objects.register_all()
    with open(VIF_FILE, encoding='ascii') as f:
        vif = objects.base.VersionedObject.obj_from_primitive(json.load(f))
    text = json.dumps(vif.obj_to_primitive())
    print(json.dumps({
        'json_bytes': len(text),
        'serialize_per_s': round(per_second(lambda: json.dumps(vif.obj_to_primitive()), seconds)),
        'deserialize_per_s': round(per_second(
            lambda: objects.base.VersionedObject.obj_from_primitive(json.loads(text)), seconds)),
        'to_primitive_v1_0_per_s': round(per_second(lambda: vif.obj_to_primitive(target_version='1.0'), seconds)),
    }))


if __name__ == '__main__':
    main()
