"""Python reads what Java writes: each stdin line is a primitive; prints
obj_to_primitive(obj_from_primitive(line)) (changes sorted), or {"error": "Name: msg"}."""
import json
import sys

from osvif_oracle import VO, dumps, error

for line in sys.stdin:
    if not line.strip():
        continue
    try:
        print(dumps(VO.obj_from_primitive(json.loads(line)).obj_to_primitive()))
    except Exception as e:  # report, go on: the Java test names the line
        print(json.dumps(error(e)))
