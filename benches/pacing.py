#!/usr/bin/env python3
"""Pacing of `verify --rate` (issue 27): "with --rate 450/min, a two-minute
run sends 900 requests ± 1 %".

Starts `plain-contract serve` (the release binary), puts a counting proxy in
front of it (this script, on 127.0.0.1: it notes when each request arrives and
passes it on), and runs `verify --rate 450/min --concurrency 4` against the
proxy with enough recorded lookups for more than two minutes (1,000 by
default: 133 s at 450/min). Then it counts the requests that arrived in the
first 120 s, from the first one (verify's probe, which is paced too), and
prints the count, the spacing of arrivals, and whether 900 ± 1 % (891..909)
holds. Exit status 1 when it does not.

Not a test: it takes over two minutes, so CI does not run it. Run it by hand:

    cargo build --release --bin plain-contract
    benches/pacing.py                     # 1,000 exchanges, 450/min
    RATE=600 EXCHANGES=50 benches/pacing.py   # a quick look (the 120 s count is then short)

Only the standard library: a proxy that notes arrival times is a few lines
of http.server, and nothing else is needed.
"""

import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("BIN", str(ROOT / "target/release/plain-contract"))
RATE = int(os.environ.get("RATE", "450"))
EXCHANGES = int(os.environ.get("EXCHANGES", "1000"))
FILES = 4
WINDOW = float(os.environ.get("WINDOW", "120"))
KEY = "plainApiKey_dev"
QUERY = ("query customerByEmail($email: String!) { customerByEmail(email: $email) "
         "{ id fullName email { email isVerified } } }")


def fixtures(out: Path) -> list:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    paths = []
    per_file = -(-EXCHANGES // FILES)
    n = 0
    for f in range(FILES):
        p = out / f"lookups-{f}.ndjson"
        with p.open("w") as w:
            for i in range(per_file):
                if n == EXCHANGES:
                    break
                n += 1
                w.write(json.dumps({
                    "name": f"lookup {f}-{i}",
                    "request": {"method": "POST", "path": "/graphql/v1",
                                "headers": {"Authorization": "Bearer <redacted>",
                                            "Content-Type": "application/json"},
                                "body": {"query": QUERY, "variables": {"email": f"nobody{n}@example.com"}}},
                    "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                 "body": {"data": {"customerByEmail": None}}},
                }) + "\n")
        paths.append(str(p))
    return paths


def start_serve():
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    url = next(w for w in line.split() if w.startswith("http://"))
    host, port = url[len("http://"):].split("/")[0].split(":")
    return p, host, int(port)


def proxy(upstream_host: str, upstream_port: int, arrivals: list):
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            t = time.monotonic()
            with lock:
                arrivals.append(t)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            conn = http.client.HTTPConnection(upstream_host, upstream_port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            conn.request("POST", self.path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            self.send_response(r.status)
            for k, v in r.getheaders():
                if k.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def main() -> int:
    if not Path(BIN).exists():
        print(f"no binary at {BIN}: cargo build --release --bin plain-contract (or BIN=...)", file=sys.stderr)
        return 2
    paths = fixtures(ROOT / "target/pacing")
    serve, host, port = start_serve()
    arrivals = []
    srv = proxy(host, port, arrivals)
    target = f"http://127.0.0.1:{srv.server_address[1]}/graphql/v1"
    started = time.monotonic()
    try:
        run = subprocess.run([BIN, "verify", "--target", target, "--rate", f"{RATE}/min",
                              "--concurrency", "4", "--format", "json", *paths],
                             env={**os.environ, "PLAIN_API_KEY": KEY}, capture_output=True, text=True)
    finally:
        srv.shutdown()
        serve.kill()
        serve.wait()
    took = time.monotonic() - started
    report = json.loads(run.stdout) if run.stdout.strip().startswith("{") else {}
    summary = report.get("summary", {})
    if not arrivals:
        print(f"no request arrived; verify said: {run.stderr}", file=sys.stderr)
        return 2
    t0 = arrivals[0]
    in_window = sum(1 for t in arrivals if t - t0 < WINDOW)
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
    gaps_sorted = sorted(gaps)
    expected = RATE * WINDOW / 60
    low, high = expected * 0.99, expected * 1.01
    ok = low <= in_window <= high
    print(f"verify --rate {RATE}/min --concurrency 4, {EXCHANGES} exchanges in {FILES} files: "
          f"exit {run.returncode}, verified {summary.get('verified')}, run took {took:.1f} s")
    print(f"requests received: {len(arrivals)} in all, {in_window} in the first {WINDOW:.0f} s "
          f"(expected {expected:.0f} ± 1 %: {low:.0f}..{high:.0f}) -> {'OK' if ok else 'MISSED'}")
    if gaps:
        print(f"spacing: mean {sum(gaps) / len(gaps) * 1000:.1f} ms (ideal {60000 / RATE:.1f} ms), "
              f"min {gaps_sorted[0] * 1000:.1f} ms, median {gaps_sorted[len(gaps) // 2] * 1000:.1f} ms, "
              f"max {gaps_sorted[-1] * 1000:.1f} ms")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
