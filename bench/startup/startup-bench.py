#!/usr/bin/env python3
"""Start-up and footprint bench: the assembled Outpost gateway against Node-RED 4, alternating, in one run.

Run by hand (docs/footprint.md); it prints figures and asserts nothing. For each run it starts a process the way a
user does, with a mosquitto_sub subscribed beforehand, and measures
  * spawn -> first data message seen by the subscriber (the subscriber's own receive timestamp, %U),
  * VmRSS from /proc/<pid>/status at 10 s and 30 s after the spawn,
then stops the process with SIGTERM. Medians over the measured runs and the Outpost/Node-RED ratios close the run.

Modes
  external   the gateway without its embedded broker (etc/io.outpost.broker.local.cfg removed), its link pointed at
             a Mosquitto the bench starts on a free port; Node-RED publishes to the same Mosquitto
  embedded   the default distribution: the link talks to the embedded broker, moved to a free port; the subscriber
             connects to that broker as soon as it listens (it retries every 20 ms from the spawn)
  cold       like external, but every run starts with an empty framework cache (no Node-RED)
Every run uses a fresh outbox directory, so a message left over from the previous run cannot count as the first.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_DIST = os.path.join(REPO, "distribution", "gateway", "target", "outpost-gateway")
REPORT_LINE = re.compile(r"all (\d+) bundles active, (\d+) ms after JVM start")
FIRST_READING_LINE = re.compile(r"first reading handed to the link (\d+) ms after JVM start")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """user + system CPU time of the process so far: less disturbed than wall time on a busy machine."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


class Processes:
    """Every process the bench starts, so that all of them are stopped on exit, even on Ctrl-C."""

    def __init__(self):
        self.running = []

    def start(self, args, **kwargs):
        p = subprocess.Popen(args, start_new_session=True, **kwargs)
        self.running.append(p)
        return p

    def stop(self, p, grace=15):
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        if p in self.running:
            self.running.remove(p)

    def stop_all(self):
        for p in list(self.running):
            self.stop(p, grace=5)


class Subscriber:
    """mosquitto_sub on '#', QoS 1; '#' does not match $EDC/... so the birth certificate does not count."""

    def __init__(self, procs, port, retry):
        self.procs, self.port, self.retry = procs, port, retry
        self.proc = None

    def _spawn(self):
        return self.procs.start(
            ["stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", str(self.port), "-t", "#", "-q", "1", "-C", "1",
             "-d", "-F", "MSG %U %t"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def subscribe_now(self):
        """Returns once the subscription is acknowledged (external broker)."""
        self.proc = self._spawn()
        for line in self.proc.stdout:
            if "SUBACK" in line:
                return
        raise RuntimeError("mosquitto_sub did not subscribe")

    def first_message_time(self, deadline):
        """Wall-clock time of the first data message; with retry, reconnects until the broker listens."""
        while time.time() < deadline:
            if self.proc is None:
                self.proc = self._spawn()
            for line in self.proc.stdout:
                if line.startswith("MSG "):
                    stamp = float(line.split()[1])
                    self.procs.stop(self.proc)
                    self.proc = None
                    return stamp
            self.procs.stop(self.proc)
            self.proc = None
            if not self.retry:
                break
            time.sleep(0.02)
        return None

    def close(self):
        if self.proc is not None:
            self.procs.stop(self.proc)
            self.proc = None


def set_cfg(path, key, value):
    lines = []
    found = False
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.split("=", 1)[0].strip() == key:
                    lines.append(f"{key}={value}\n")
                    found = True
                else:
                    lines.append(line)
    if not found:
        lines.append(f"{key}={value}\n")
    with open(path, "w") as f:
        f.writelines(lines)


class Outpost:
    name = "Outpost"

    def __init__(self, dist, work, mode, broker_port, java_opts):
        self.home = os.path.join(work, "outpost-gateway")
        shutil.copytree(dist, self.home, ignore=shutil.ignore_patterns("cache"))
        self.mode, self.java_opts = mode, java_opts
        etc = os.path.join(self.home, "etc")
        if mode == "embedded":
            self.broker_port = free_port()
            set_cfg(os.path.join(etc, "io.outpost.broker.local.cfg"), "port", self.broker_port)
        else:
            self.broker_port = broker_port
            os.remove(os.path.join(etc, "io.outpost.broker.local.cfg"))
        set_cfg(os.path.join(etc, "io.outpost.link.mqtt.cfg"), "brokerUrl", f"tcp://127.0.0.1:{self.broker_port}")
        set_cfg(os.path.join(etc, "io.outpost.link.mqtt.cfg"), "clientId", "outpost-bench")
        self.log = None
        self.run_no = 0

    def prepare(self, cold):
        self.run_no += 1
        outbox = os.path.join(self.home, f"outbox-{self.run_no}")
        shutil.rmtree(os.path.join(self.home, f"outbox-{self.run_no - 1}"), ignore_errors=True)
        set_cfg(os.path.join(self.home, "etc", "io.outpost.outbox.cfg"), "directory", outbox)
        if cold:
            shutil.rmtree(os.path.join(self.home, "cache"), ignore_errors=True)

    def spawn(self, procs):
        self.log = open(os.path.join(self.home, f"run-{self.run_no}.log"), "w+")
        env = dict(os.environ, OUTPOST_JAVA_OPTS=self.java_opts)
        return procs.start([os.path.join(self.home, "bin", "outpost-gateway")], cwd=self.home, env=env,
                           stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def own_figures(self):
        self.log.flush()
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        active = REPORT_LINE.search(text)
        first = FIRST_READING_LINE.search(text)
        return {"active_ms": int(active.group(2)) if active else None,
                "first_reading_ms": int(first.group(1)) if first else None,
                "bundles": int(active.group(1)) if active else None}


NODE_RED_FLOWS = """[
 {"id": "t1", "type": "tab", "label": "bench"},
 {"id": "b1", "type": "mqtt-broker", "name": "mosquitto", "broker": "127.0.0.1", "port": "%d", "clientid": "node-red-bench",
  "autoConnect": true, "usetls": false, "protocolVersion": "4", "keepalive": "30", "cleansession": true},
 {"id": "i1", "type": "inject", "z": "t1", "name": "sim1 temperature", "props": [{"p": "payload"}], "repeat": "1",
  "once": true, "onceDelay": 0.1, "topic": "", "payload": "", "payloadType": "date", "wires": [["r1"]]},
 {"id": "r1", "type": "rbe", "z": "t1", "name": "deadband", "func": "deadband", "gap": "0.5", "start": "",
  "inout": "out", "septopics": true, "property": "payload", "wires": [["m1"]]},
 {"id": "m1", "type": "mqtt out", "z": "t1", "name": "to broker", "topic": "nodered/sim1/temperature", "qos": "1",
  "retain": "false", "broker": "b1", "wires": []}
]
"""

NODE_RED_SETTINGS = """module.exports = {
    uiPort: %d,
    uiHost: "127.0.0.1",
    flowFile: "flows.json",
    credentialSecret: false,
    // The editor and the admin API are off: the gateway has no web UI in these figures either.
    httpAdminRoot: false,
    httpNodeRoot: false,
    logging: { console: { level: "info", metrics: false, audit: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false }
};
"""


class NodeRed:
    name = "Node-RED"

    def __init__(self, work, broker_port, cache):
        self.dir = os.path.join(work, "node-red")
        os.makedirs(self.dir)
        self.red = self.install(cache)
        with open(os.path.join(self.dir, "flows.json"), "w") as f:
            f.write(NODE_RED_FLOWS % broker_port)
        with open(os.path.join(self.dir, "settings.js"), "w") as f:
            f.write(NODE_RED_SETTINGS % free_port())
        self.log = None

    def install(self, cache):
        home = cache or os.path.join(self.dir, "npm")
        red = os.path.join(home, "node_modules", "node-red", "red.js")
        if not os.path.exists(red):
            os.makedirs(home, exist_ok=True)
            print(f"installing node-red@4 into {home} ...", flush=True)
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "node-red@4"],
                           cwd=home, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(home, "node_modules", "node-red", "package.json")) as f:
            self.version = re.search(r'"version"\s*:\s*"([^"]+)"', f.read()).group(1)
        return red

    def prepare(self, cold):
        pass

    def spawn(self, procs):
        self.log = open(os.path.join(self.dir, "run.log"), "w")
        return procs.start(["node", self.red, "--settings", "settings.js", "--userDir", self.dir], cwd=self.dir,
                           stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def own_figures(self):
        self.log.close()
        return {}


def start_mosquitto(procs, work):
    port = free_port()
    conf = os.path.join(work, "mosquitto.conf")
    with open(conf, "w") as f:
        f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
    p = procs.start(["mosquitto", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return port
        except OSError:
            if p.poll() is not None:
                raise RuntimeError("mosquitto did not start (apt-get install mosquitto mosquitto-clients)")
            time.sleep(0.025)
    raise RuntimeError("mosquitto does not listen")


def one_run(procs, target, broker_port, retry, cold, rss_at):
    target.prepare(cold)
    sub = Subscriber(procs, broker_port if not retry else target.broker_port, retry)
    if not retry:
        sub.subscribe_now()
    spawned = time.time()
    proc = target.spawn(procs)
    try:
        stamp = sub.first_message_time(spawned + 60)
        cpu = cpu_seconds(proc.pid)
        first = (stamp - spawned) if stamp else None
        rss = []
        for at in rss_at:
            pause = spawned + at - time.time()
            if pause > 0:
                time.sleep(pause)
            rss.append(rss_mb(proc.pid))
    finally:
        sub.close()
        procs.stop(proc)
    result = {"first_s": first, "cpu_s": cpu, "rss": rss}
    result.update(target.own_figures())
    return result


def fmt(value, unit="", digits=2):
    return "-" if value is None or value != value else f"{value:.{digits}f}{unit}"


def median(values):
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["external", "embedded", "cold"], default="external")
    ap.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="runs of each before measuring (default 1; 0 in cold mode)")
    ap.add_argument("--dist", default=DEFAULT_DIST, help="the assembled gateway folder")
    ap.add_argument("--rss-at", default="10,30", help="seconds after the spawn to sample VmRSS (default 10,30)")
    ap.add_argument("--no-node-red", action="store_true", help="measure Outpost only")
    ap.add_argument("--node-red-cache", help="a folder to npm-install Node-RED into once and reuse")
    ap.add_argument("--java-opts", default="", help="extra JVM options for the gateway (OUTPOST_JAVA_OPTS)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (logs) for a look afterwards")
    args = ap.parse_args()
    rss_at = [float(x) for x in args.rss_at.split(",") if x]
    cold = args.mode == "cold"
    warmup = 0 if cold and args.warmup == 1 else args.warmup
    if not os.path.isdir(args.dist):
        sys.exit(f"no distribution at {args.dist}: mvn -B -q package -DskipTests first")

    work = tempfile.mkdtemp(prefix="outpost-startup-bench-")
    procs = Processes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        broker_port = start_mosquitto(procs, work)
        targets = [Outpost(args.dist, work, args.mode, broker_port, args.java_opts)]
        if not (args.no_node_red or cold):
            targets.append(NodeRed(work, broker_port, args.node_red_cache))
        print(f"mode {args.mode}: {warmup} warm-up + {args.runs} measured runs each, alternating; "
              f"Mosquitto on {broker_port}; load average {os.getloadavg()[0]:.2f}; temp {work}", flush=True)
        results = {t.name: [] for t in targets}
        for i in range(warmup + args.runs):
            for t in targets:
                retry = t.name == "Outpost" and args.mode == "embedded"
                r = one_run(procs, t, broker_port, retry, cold, rss_at)
                label = f"warm-up {i + 1}" if i < warmup else f"run {i + 1 - warmup}"
                extra = ""
                if "active_ms" in r:
                    extra = (f"  [log: {r['bundles']} bundles active {fmt(r['active_ms'], ' ms', 0)}, "
                             f"first reading to the link {fmt(r['first_reading_ms'], ' ms', 0)}]")
                print(f"{label:>10} {t.name:<9} first message {fmt(r['first_s'], ' s')} (CPU {fmt(r['cpu_s'], ' s')})  RSS "
                      + " / ".join(f"{fmt(v, ' MB', 0)}" for v in r["rss"]) + extra, flush=True)
                if i >= warmup:
                    results[t.name].append(r)
        print(f"\nmedians over {args.runs} runs (load average now {os.getloadavg()[0]:.2f}):")
        med = {}
        for name, rs in results.items():
            m = {"first_s": median([r["first_s"] for r in rs]),
                 "min_s": min([r["first_s"] for r in rs if r["first_s"]], default=None),
                 "cpu_s": median([r["cpu_s"] for r in rs]),
                 "rss": [median([r["rss"][k] for r in rs]) for k in range(len(rss_at))]}
            med[name] = m
            rss_txt = " / ".join(f"{fmt(v, ' MB', 0)} at {int(at)} s" for v, at in zip(m["rss"], rss_at))
            print(f"  {name:<9} first message {fmt(m['first_s'], ' s')} (min {fmt(m['min_s'], ' s')}, "
                  f"CPU used by then {fmt(m['cpu_s'], ' s')})  RSS {rss_txt}")
            if name == "Outpost":
                print(f"  {'':<9} its own log: bundles active {fmt(median([r['active_ms'] for r in rs]), ' ms', 0)},"
                      f" first reading to the link {fmt(median([r['first_reading_ms'] for r in rs]), ' ms', 0)}")
        if "Node-RED" in med:
            o, n = med["Outpost"], med["Node-RED"]
            print(f"  Node-RED {targets[1].version}; ratios Outpost/Node-RED: first message "
                  f"{fmt(o['first_s'] / n['first_s'] if o['first_s'] and n['first_s'] else None)}x, RSS "
                  + " / ".join(fmt(a / b if a and b else None) + "x" for a, b in zip(o["rss"], n["rss"])))
    finally:
        procs.stop_all()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
