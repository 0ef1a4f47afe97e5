"""The floor of an OVS plug: what the OVSDB round trips alone cost, with no library around them.

    ovsdb_floor.py /path/to/db.sock N

One raw RFC 7047 "transact" per port over one persistent unix socket, no IDL, no monitor, no
waiting for ovs-vswitchd: add = insert Interface and Port and add the port to br-int in one
transaction; delete = look the port up by name, then remove it from br-int (OVSDB garbage-collects
the unreferenced Port and Interface). Standard library only. Prints one JSON line:
  {"n", "add_ms_median", "add_ms_p99", "del_ms_median", "del_ms_p99"}
"""
import json
import socket
import statistics
import sys
import time


class Ovsdb:
    """JSON-RPC over a stream: requests numbered, the answer with our id awaited."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.decoder = json.JSONDecoder()
        self.pending = ''
        self.last_id = 0

    def transact(self, *ops):
        self.last_id += 1
        self.sock.sendall(json.dumps({'method': 'transact', 'params': ['Open_vSwitch'] + list(ops),
                                      'id': self.last_id}).encode())
        while True:
            message = self.next_message()
            if message.get('id') == self.last_id:
                results = message['result']
                failed = [r for r in results if r and 'error' in r]
                if failed:
                    raise SystemExit('transaction failed: %s' % failed)
                return results

    def next_message(self):
        while True:
            text = self.pending.lstrip()
            if text:
                try:
                    message, end = self.decoder.raw_decode(text)
                    self.pending = text[end:]
                    return message
                except ValueError:
                    pass  # not all of it yet
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit('ovsdb-server closed the connection')
            self.pending = text + chunk.decode()


def p99(ms):
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split('\n\n')[1])
    db, n = Ovsdb(sys.argv[1]), int(sys.argv[2])
    bridge = db.transact({'op': 'select', 'table': 'Bridge', 'where': [['name', '==', 'br-int']],
                          'columns': ['_uuid']})[0]['rows'][0]['_uuid']
    add, delete = [], []
    for i in range(n):
        name = 'fl%05d' % i
        start = time.perf_counter()
        db.transact(
            {'op': 'insert', 'table': 'Interface', 'uuid-name': 'iface',
             'row': {'name': name, 'type': 'internal', 'external_ids': ['map', [['iface-id', 'x%d' % i]]]}},
            {'op': 'insert', 'table': 'Port', 'uuid-name': 'port',
             'row': {'name': name, 'interfaces': ['named-uuid', 'iface']}},
            {'op': 'mutate', 'table': 'Bridge', 'where': [['_uuid', '==', bridge]],
             'mutations': [['ports', 'insert', ['named-uuid', 'port']]]})
        add.append((time.perf_counter() - start) * 1e3)
    for i in range(n):
        start = time.perf_counter()
        port = db.transact({'op': 'select', 'table': 'Port', 'where': [['name', '==', 'fl%05d' % i]],
                            'columns': ['_uuid']})[0]['rows'][0]['_uuid']
        db.transact({'op': 'mutate', 'table': 'Bridge', 'where': [['_uuid', '==', bridge]],
                     'mutations': [['ports', 'delete', port]]})
        delete.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({'n': n, 'add_ms_median': round(statistics.median(add), 3), 'add_ms_p99': round(p99(add), 3),
                      'del_ms_median': round(statistics.median(delete), 3), 'del_ms_p99': round(p99(delete), 3)}))


if __name__ == '__main__':
    main()
