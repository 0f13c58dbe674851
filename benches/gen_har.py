#!/usr/bin/env python3
"""Writes the exchanges of gen_ndjson.py as a HAR 1.2 capture, for the HAR
stream bench and the whole-process runs (linear time, bounded memory):

    python3 benches/gen_har.py --count 5000 > /tmp/h.har            # single line
    python3 benches/gen_har.py --count 5000 --indent > /tmp/hi.har  # indented
    python3 benches/gen_har.py --mb 500 > /tmp/500.har              # about 500 MB

Each entry is one NDJSON line's exchange, as a browser would record it; all
pass `plain-contract check`. The file is written entry by entry, so any size
fits in this script's memory."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ndjson import line  # noqa: E402


def entry(i):
    ex = json.loads(line(i))
    req, resp = ex["request"], ex["response"]
    hdrs = lambda h: [{"name": k, "value": v} for k, v in h.items()]
    return {
        "startedDateTime": "2026-05-11T10:15:00.000Z",
        "time": 12,
        "request": {
            "method": req["method"],
            "url": "https://core-api.uk.plain.com" + req["path"],
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": hdrs(req["headers"]),
            "queryString": [],
            "headersSize": -1,
            "bodySize": -1,
            "postData": {"mimeType": "application/json", "text": json.dumps(req["body"])},
        },
        "response": {
            "status": resp["status"],
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": hdrs(resp["headers"]),
            "content": {"size": -1, "mimeType": "application/json", "text": json.dumps(resp["body"])},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 12, "receive": 0},
    }


def main():
    args = sys.argv[1:]
    indent = "--indent" in args
    count = int(args[args.index("--count") + 1]) if "--count" in args else None
    limit = int(float(args[args.index("--mb") + 1]) * 1_000_000) if "--mb" in args else None
    out = sys.stdout
    nl = "\n" if indent else ""
    out.write('{"log": {"version": "1.2", "creator": {"name": "gen_har.py", "version": "1"},' + nl + ' "entries": [' + nl)
    written, i = 0, 0
    while (count is None or i < count) and (limit is None or written < limit):
        text = json.dumps(entry(i), indent=2 if indent else None)
        if indent:
            text = "\n".join("  " + t for t in text.split("\n"))
        sep = ("," + nl) if i else ""
        out.write(sep + text)
        written += len(text) + len(sep)
        i += 1
    out.write(nl + "]}}" + nl)


if __name__ == "__main__":
    main()
