#!/usr/bin/env bash
# Per-VIF time of the Nova binding conversion: osvif beside Nova 26 itself, on the same
# generated bindings, in one run. Usage: benchmarks/binding/compare.sh [N bindings, default 1000]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
oracle=$top/bundles/binding/src/test/oracle
file=$(mktemp)
trap 'rm -f "$file"' EXIT
/usr/bin/python3 "$oracle/gen_bindings.py" 42 "${1:-1000}" > "$file"
"$top/runtime/bin/osvif" bench binding "$file"
/usr/bin/python3 -W ignore - "$file" <<'PY'
import json, sys, time, warnings
warnings.simplefilter('ignore')
from nova.network import model, os_vif_util
from os_vif import objects
objects.register_all()
vifs = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    try:
        if os_vif_util.nova_to_osvif_vif(model.VIF.hydrate(json.loads(line))) is not None:
            vifs.append(line)
    except Exception:
        pass
n, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < 2:
    for line in vifs:
        os_vif_util.nova_to_osvif_vif(model.VIF.hydrate(json.loads(line)))
    n += len(vifs)
print(json.dumps({"impl": "nova-26", "vifs": len(vifs), "us_per_vif": round((time.perf_counter() - t0) / n * 1e6, 2)}))
PY
