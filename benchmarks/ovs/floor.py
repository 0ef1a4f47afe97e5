"""The raw OVSDB floor at a batch size: over one persistent unix socket, RFC 7047 transactions of
K ports each (insert Interface and Port, add them to br-int, next_cfg += 1, read next_cfg back),
each followed by waiting for ovs-vswitchd to report cur_cfg >= next_cfg (a monitor on
Open_vSwitch.cur_cfg), as a plug that waits for vswitchd must; then the same for deleting them.
No library, no checks, no Linux steps: what any plug through OVSDB costs at least.
usage: floor.py SOCKET N K    prints one JSON line"""
import json, socket, statistics, sys, time, uuid

path, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_UNIX); s.connect(path)
dec = json.JSONDecoder(); buf = ""; ids = 0; cur = [0]; replies = {}

def send(method, params):
    global ids
    ids += 1
    s.sendall(json.dumps({"method": method, "params": params, "id": ids}).encode())
    return ids

def pump():
    """Reads what arrived; keeps replies by id and cur_cfg from monitor updates."""
    global buf
    buf += s.recv(1 << 20).decode()
    while True:
        buf = buf.lstrip()
        try:
            msg, end = dec.raw_decode(buf)
        except ValueError:
            return
        buf = buf[end:]
        if msg.get("method") == "update":
            for row in msg["params"][1].get("Open_vSwitch", {}).values():
                if "new" in row and "cur_cfg" in row["new"]:
                    cur[0] = row["new"]["cur_cfg"]
        elif msg.get("method") == "echo":
            s.sendall(json.dumps({"result": msg["params"], "error": None, "id": msg["id"]}).encode())
        elif "id" in msg:
            replies[msg["id"]] = msg

def call(method, params):
    i = send(method, params)
    while i not in replies:
        pump()
    return replies.pop(i)

call("monitor", ["Open_vSwitch", None, {"Open_vSwitch": {"columns": ["cur_cfg"]}}])
root = call("transact", ["Open_vSwitch", {"op": "select", "table": "Open_vSwitch", "where": [], "columns": ["_uuid"]}])
root = root["result"][0]["rows"][0]["_uuid"]
br = call("transact", ["Open_vSwitch", {"op": "select", "table": "Bridge", "where": [["name", "==", "br-int"]],
                                        "columns": ["_uuid"]}])["result"][0]["rows"][0]["_uuid"]

def commit(ops):
    ops = ops + [{"op": "mutate", "table": "Open_vSwitch", "where": [["_uuid", "==", root]],
                  "mutations": [["next_cfg", "+=", 1]]},
                 {"op": "select", "table": "Open_vSwitch", "where": [["_uuid", "==", root]], "columns": ["next_cfg"]}]
    r = call("transact", ["Open_vSwitch"] + ops)["result"]
    nxt = r[-1]["rows"][0]["next_cfg"]
    while cur[0] < nxt:
        pump()
    return r

tag = uuid.uuid4().hex[:6]
names = ["fl%s%05d" % (tag, i) for i in range(n)]
port_uuids = {}
plug, unplug = [], []
for b in range(0, n, k):
    chunk = names[b:b + k]
    ops = []
    for j, name in enumerate(chunk):
        ops.append({"op": "insert", "table": "Interface", "row": {"name": name, "external_ids": ["map", [["iface-id", name]]]},
                    "uuid-name": "i%d" % j})
        ops.append({"op": "insert", "table": "Port", "row": {"name": name, "interfaces": ["named-uuid", "i%d" % j]},
                    "uuid-name": "p%d" % j})
    ops.append({"op": "mutate", "table": "Bridge", "where": [["_uuid", "==", br]],
                "mutations": [["ports", "insert", ["set", [["named-uuid", "p%d" % j] for j in range(len(chunk))]]]]})
    t = time.perf_counter()
    r = commit(ops)
    plug.append((time.perf_counter() - t) * 1e3)
    for j, name in enumerate(chunk):
        port_uuids[name] = r[2 * j + 1]["uuid"]
for b in range(0, n, k):
    chunk = names[b:b + k]
    ops = [{"op": "mutate", "table": "Bridge", "where": [["_uuid", "==", br]],
            "mutations": [["ports", "delete", ["set", [port_uuids[x] for x in chunk]]]]}]
    t = time.perf_counter()
    commit(ops)
    unplug.append((time.perf_counter() - t) * 1e3)
print(json.dumps({"impl": "raw-floor", "n": n, "batch": k,
                  "per_vif_ms_mean": round(sum(plug) / n, 3), "batch_ms_median": round(statistics.median(plug), 3),
                  "unplug_per_vif_ms_mean": round(sum(unplug) / n, 3)}))
