"""Backlevel oracle: stdin lines {"input": P, "target": {Class: version}}; prints
{"expected": Q} or {"expected": null, "python_error": "Name: msg"} (docs/testing.md, 'What a target means')."""
import json
import sys

from osvif_oracle import VO, emit, sort_changes

for line in sys.stdin:
    if not line.strip():
        continue
    case = json.loads(line)
    try:
        obj = VO.obj_from_primitive(case['input'])
        out = {'expected': sort_changes(emit(obj, case['target']))}
    except Exception as e:
        out = {'expected': None, 'python_error': '%s: %s' % (type(e).__name__, e)}
    print(json.dumps(out))
