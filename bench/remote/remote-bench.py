#!/usr/bin/env python3
"""Remote-management bench (issue 11): request -> reply latency and the data path's rate with and without requests.

Run by hand (docs/remote-management.md, "Latency"); it prints figures and asserts nothing. It starts a Mosquitto on a
free port and the assembled gateway (distribution/gateway/target/outpost-gateway, copied to a temporary folder, its
embedded broker removed, the Kura profile in JSON, the outbox with its default 100 ms group commit), plus N simulated
devices polled every 100 ms (the sampler's minimum) whose readings the filter passes: the data path. Then
  * latency: rounds of 100 INVENTORY-V1 GET systemPackages requests published at once with mosquitto_pub -l, the
    time from writing a request to mosquitto_pub's stdin to its reply line from mosquitto_sub; p50, p99, max;
  * data path: telemetry messages per second seen by a subscriber on '#', for a window without requests, then for
    the same window with 100 requests kept in flight (a new one for each reply), and the ratio.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_DIST = os.path.join(REPO, "distribution", "gateway", "target", "outpost-gateway")
ACCOUNT, GATEWAY, HQ = "outpost", "gw-bench", "hq"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_cfg(path, values):
    with open(path, "a" if os.path.exists(path) else "w") as f:
        for k, v in values.items():
            f.write(f"\n{k}={v}\n")


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1)]


class Procs:
    def __init__(self):
        self.running = []

    def start(self, args, **kw):
        p = subprocess.Popen(args, start_new_session=True, **kw)
        self.running.append(p)
        return p

    def stop_all(self):
        for p in self.running:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(15)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass


class Replies:
    """mosquitto_sub on HQ's reply topics: the arrival time of each reply by request id."""

    def __init__(self, procs, port):
        self.arrived = {}
        self.lock = threading.Condition()
        self.proc = procs.start(["stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-v",
                                 "-t", f"$EDC/{ACCOUNT}/{HQ}/+/REPLY/#"], stdout=subprocess.PIPE, text=True, bufsize=1)
        self.on_reply = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.monotonic()
            topic = line.split(" ", 1)[0]
            rid = topic.rsplit("/", 1)[-1]
            with self.lock:
                self.arrived[rid] = now
                self.lock.notify_all()
            if self.on_reply:
                self.on_reply(rid)

    def wait(self, ids, timeout):
        deadline = time.monotonic() + timeout
        with self.lock:
            while not all(i in self.arrived for i in ids):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(left)
        return True


class Requests:
    """mosquitto_pub -l: one request per line written to its stdin, all on the GET systemPackages topic."""

    def __init__(self, procs, port, qos):
        self.proc = procs.start(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-q", str(qos), "-l",
                                 "-t", f"$EDC/{ACCOUNT}/{GATEWAY}/INVENTORY-V1/GET/systemPackages"],
                                stdin=subprocess.PIPE, text=True)
        self.sent = {}
        self.lock = threading.Lock()

    def send(self, rid):
        line = json.dumps({"metrics": {"request.id": rid, "requester.client.id": HQ}}) + "\n"
        with self.lock:
            self.sent[rid] = time.monotonic()
            self.proc.stdin.write(line)
            self.proc.stdin.flush()


class Telemetry:
    """mosquitto_sub on '#' ($EDC topics are not matched): counts data messages."""

    def __init__(self, procs, port):
        self.count = 0
        self.proc = procs.start(["stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-t", "#"],
                                stdout=subprocess.PIPE, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for _ in self.proc.stdout:
            self.count += 1

    def rate(self, seconds):
        start = self.count
        time.sleep(seconds)
        return (self.count - start) / seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dist", default=DEFAULT_DIST)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--devices", type=int, default=20)
    ap.add_argument("--window", type=float, default=20.0)
    ap.add_argument("--request-qos", type=int, default=1, choices=(0, 1),
                    help="QoS of the requests; mosquitto_pub -l keeps at most 20 QoS 1 messages unacknowledged")
    ap.add_argument("--client", default="paho", choices=("paho", "mosquitto"),
                    help="who publishes the rounds of 100 requests: a Paho client (RequestRounds.java, its window above 100) "
                         "or mosquitto_pub -l (at most 20 QoS 1 requests unacknowledged)")
    ap.add_argument("--broker-nodelay", action="store_true",
                    help="Mosquitto with set_tcp_nodelay true (its default keeps Nagle on, which bunches small packets by up to 40 ms)")
    ap.add_argument("--workers", type=int, default=0, help="the link's requestWorkers (default: its own default, 2)")
    args = ap.parse_args()
    if not os.path.isdir(args.dist):
        sys.exit(f"no gateway distribution at {args.dist}: run mvn -B -q install -DskipTests first")
    for tool in ("mosquitto", "mosquitto_sub", "mosquitto_pub"):
        if shutil.which(tool) is None and not os.path.exists("/usr/sbin/" + tool):
            sys.exit(f"{tool} is missing (apt-get install -y mosquitto mosquitto-clients)")
    procs = Procs()
    work = tempfile.mkdtemp(prefix="remote-bench-")
    try:
        port = free_port()
        conf = os.path.join(work, "mosquitto.conf")
        with open(conf, "w") as f:
            f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\n")
            if args.broker_nodelay:
                f.write("set_tcp_nodelay true\n")
        procs.start(["/usr/sbin/mosquitto", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        home = os.path.join(work, "outpost-gateway")
        shutil.copytree(args.dist, home, ignore=shutil.ignore_patterns("cache"))
        etc = os.path.join(home, "etc")
        os.remove(os.path.join(etc, "io.outpost.broker.local.cfg"))
        set_cfg(os.path.join(etc, "io.outpost.link.mqtt.cfg"), {"brokerUrl": f"tcp://127.0.0.1:{port}", "clientId": GATEWAY,
                                                               "account": ACCOUNT, "requestQueue": 256,
                                                               **({"requestWorkers": args.workers} if args.workers else {})})
        set_cfg(os.path.join(etc, "io.outpost.profile.kura.cfg"), {"encoding": "json"})
        set_cfg(os.path.join(etc, "io.outpost.outbox.cfg"), {"directory": os.path.join(work, "outbox")})
        for i in range(args.devices):
            set_cfg(os.path.join(etc, f"io.outpost.device-bench{i}.cfg"), {"name": f"bench{i}", "driver": "sim", "pollMillis": 100,
                    "channel.value.valueType": "double", "channel.value.waveform": "sine", "channel.value.min": 0,
                    "channel.value.max": 100, "channel.value.periodSeconds": 60})
        log = open(os.path.join(work, "gateway.log"), "w")
        procs.start([os.path.join(home, "bin", "outpost-gateway")], cwd=home, stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT)
        replies = Replies(procs, port)
        telemetry = Telemetry(procs, port)
        time.sleep(0.5)
        requests = Requests(procs, port, args.request_qos)
        ready = False
        for n in range(120):
            rid = f"probe-{n}"
            requests.send(rid)
            if replies.wait([rid], 1.0):
                ready = True
                break
        if not ready:
            sys.exit(f"the gateway did not answer in 2 minutes: see {work}/gateway.log")
        time.sleep(3)  # the devices start polling, the birth goes out
        print(f"gateway up; {args.devices} simulated devices at 100 ms; outbox group commit 100 ms (default)")

        if args.client == "paho":
            paho = os.path.join(os.path.expanduser("~"), ".m2", "repository", "org", "eclipse", "paho",
                                "org.eclipse.paho.client.mqttv3", "1.2.5", "org.eclipse.paho.client.mqttv3-1.2.5.jar")
            subprocess.run(["java", "-cp", paho, os.path.join(REPO, "bench", "remote", "RequestRounds.java"),
                            f"tcp://127.0.0.1:{port}", ACCOUNT, GATEWAY, HQ, str(args.rounds), "100",
                            "INVENTORY-V1/GET/systemPackages"], check=True)
        all_latencies = []
        for r in range(args.rounds + 1 if args.client == "mosquitto" else 0):
            ids = [f"r{r}-{i}" for i in range(100)]
            for rid in ids:
                requests.send(rid)
            if not replies.wait(ids, 60):
                print(f"round {r}: {sum(1 for i in ids if i in replies.arrived)} of 100 replies")
                continue
            ms = sorted((replies.arrived[i] - requests.sent[i]) * 1000 for i in ids)
            label = "warm-up" if r == 0 else f"round {r}"
            print(f"{label}: 100 in flight, GET systemPackages: p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms, "
                  f"max {ms[-1]:.1f} ms")
            if r > 0:
                all_latencies += ms
            time.sleep(1)
        all_latencies.sort()
        if args.client == "mosquitto":
            print(f"all rounds ({len(all_latencies)} requests): p50 {percentile(all_latencies, 50):.1f} ms, "
                  f"p99 {percentile(all_latencies, 99):.1f} ms")

        quiet = telemetry.rate(args.window)
        counter = [0]
        stop = threading.Event()
        sustained = []

        def next_request(_rid):
            if _rid.startswith("l-") and _rid in requests.sent:
                sustained.append((replies.arrived[_rid] - requests.sent[_rid]) * 1000)
            if not stop.is_set():
                counter[0] += 1
                requests.send(f"l-{counter[0]}")

        replies.on_reply = next_request
        for _ in range(100):
            counter[0] += 1
            requests.send(f"l-{counter[0]}")
        loaded = telemetry.rate(args.window)
        stop.set()
        time.sleep(2)
        sustained.sort()
        print(f"data path without requests: {quiet:.1f} msg/s; with 100 requests in flight: {loaded:.1f} msg/s "
              f"({100.0 * loaded / quiet if quiet else float('nan'):.1f} %)")
        print(f"under sustained load: {len(sustained)} replies in {args.window:.0f} s ({len(sustained) / args.window:.0f}/s), "
              f"p50 {percentile(sustained, 50):.1f} ms, p99 {percentile(sustained, 99):.1f} ms")
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
