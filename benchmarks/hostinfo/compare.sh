#!/usr/bin/env bash
# Cold-process `osvif hostinfo` (container included) beside Python's
# os_vif.initialize(); os_vif.host_info(), alternating, N runs each: wall time and peak RSS.
# Usage: benchmarks/hostinfo/compare.sh [N, default 5]. Needs /usr/bin/time and python3-os-vif.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-5}
for _ in $(seq "$n"); do
  /usr/bin/time -f "osvif  %e s %M KB" "$top/runtime/bin/osvif" hostinfo >/dev/null
  /usr/bin/time -f "python %e s %M KB" /usr/bin/python3 -W ignore -c \
    'import os_vif; os_vif.initialize(); os_vif.host_info()'
done 2>&1 | awk '{t[$1]+=$2; m[$1]+=$4; c[$1]++} END {for (k in t) printf "%s: mean %.2f s, mean peak RSS %.0f MB over %d runs\n", k, t[k]/c[k], m[k]/c[k]/1024, c[k]}'
