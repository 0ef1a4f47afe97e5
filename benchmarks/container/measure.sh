#!/usr/bin/env bash
# The running container: idle RSS, and how long after a plugin jar lands in deploy/ it serves
# (installed, started, in hostinfo), polled over run/osvif.sock every ~2 ms.
# Usage: benchmarks/container/measure.sh [drops, default 5]. Needs the example vendor plugin built.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-5}
home=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
mkdir -p "$home/etc" && echo "state_dir = $home/state" > "$home/etc/com.example.osvif.vendor.cfg"
OSVIF_HOME=$home "$top/runtime/bin/osvif" run --no-console 2>"$home/stderr.txt" &
pid=$!
while [ ! -S "$home/run/osvif.sock" ]; do
  kill -0 $pid 2>/dev/null || { echo "error: the container exited:" >&2; cat "$home/stderr.txt" >&2; exit 1; }
  sleep 0.05
done
sleep 2  # let the JIT and GC settle before reading the idle footprint
echo "idle container RSS: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
/usr/bin/python3 - "$home" "$top" "$n" <<'PY'
import json, os, shutil, socket, struct, sys, time
home, top, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
jar = os.path.join(top, "examples/vendor-plugin/v1.0/target/vendor-plugin-1.0.0.jar")

def hostinfo():
    """`osvif hostinfo` over the control socket, in its framing (docs/operations.md, "The control socket"): a JSON header
    line, an empty input (the end frame, length 0); then [u8 type][u32 length][bytes] frames until
    the exit frame, which the client acknowledges with one byte."""
    s = socket.socket(socket.AF_UNIX)
    s.connect(os.path.join(home, "run/osvif.sock"))
    s.sendall(b'{"args": ["hostinfo"]}\n' + struct.pack(">I", 0))
    f = s.makefile("rb")
    out = b""
    while True:
        head = f.read(5)
        if len(head) < 5:
            raise SystemExit("error: the container closed without an exit frame")
        kind, length = head[0:1], struct.unpack(">I", head[1:])[0]
        body = f.read(length)
        if kind == b"o":
            out += body
        elif kind == b"x":
            s.sendall(b"k")
            code = struct.unpack(">i", body)[0]
            if code != 0:
                raise SystemExit(f"error: hostinfo exited {code}")
            s.close()
            return out

times = []
for i in range(n):
    tmp = os.path.join(home, "vendor.part")
    shutil.copy(jar, tmp)
    t0 = time.monotonic()
    os.rename(tmp, os.path.join(home, "deploy/vendor.jar"))
    while b"vendor_example" not in hostinfo():
        time.sleep(0.002)
    times.append((time.monotonic() - t0) * 1000)
    os.remove(os.path.join(home, "deploy/vendor.jar"))
    while b"vendor_example" in hostinfo():
        time.sleep(0.002)
times.sort()
print(json.dumps({"drop_to_serving_ms_median": round(times[len(times) // 2], 1),
                  "drop_to_serving_ms_max": round(times[-1], 1), "n": n}))
PY
