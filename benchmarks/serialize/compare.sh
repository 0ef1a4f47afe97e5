#!/usr/bin/env bash
# Side-by-side: osvif's codec, Jackson's floor and Python os-vif on the same VIF, in one run.
# Usage: benchmarks/serialize/compare.sh [seconds per figure, default 3]
# Needs a built runtime (mvn -B install) and Debian's python3-os-vif.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-3}
serialize_bench=$top/benchmarks/python/serialize_bench.py
java_line=$("$top/runtime/bin/osvif" bench serialize --seconds "$secs")
py_line=$(/usr/bin/python3 "$serialize_bench" 2>/dev/null)
echo "$java_line"
echo "$py_line"
/usr/bin/python3 - "$java_line" "$py_line" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
r = lambda a, b: round(a / b, 1)
print(json.dumps({
    "serialize_x_python": r(j["serialize_per_s"], p["serialize_per_s"]),
    "deserialize_x_python": r(j["deserialize_per_s"], p["deserialize_per_s"]),
    "to_primitive_v1_0_x_python": r(j["to_primitive_v1_0_per_s"], p["to_primitive_v1_0_per_s"]),
    "floor_read_x_python": r(j["floor_read_per_s"], p["deserialize_per_s"]),
    "floor_write_x_python": r(j["floor_write_per_s"], p["serialize_per_s"]),
    "deserialize_of_floor": round(j["deserialize_per_s"] / j["floor_read_per_s"], 2),
}))
PY
