#!/usr/bin/env python3
"""What reading where the time went costs the server (docs/measurements/2026-12-06-runtime-counters.md).

  1. /proc: an idle `thread` server holding N idle connections (N threads); its CPU clock (10 ms
     ticks) over 10 s without reads and 10 s with the round watch's reads (every thread's schedstat
     every 100 ms, status every 50th), interleaved twice.
  2. The runtime counters endpoint: one connection held as the round watch holds it, against an
     idle cmwq server; the CPU of the endpoint's own threads (their schedstat, ns) per read,
     back to back and paced at 10 ms and 100 ms.

Usage: runtime-counters-cost.py [KECHOBENCH_DLL] [N]   (run it holding /tmp/kechobench-measure.lock)
"""
import glob, os, socket, subprocess, sys, time

dll = sys.argv[1] if len(sys.argv) > 1 else "src/Bench/bin/Release/net10.0/kechobench.dll"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 500


def serve(engine):
    p = subprocess.Popen(["dotnet", dll, "serve", "--engine", engine, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    return p, int(line.split()[2].rsplit(":", 1)[1])


def proc_reads():
    p, port = serve("thread")
    conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
    time.sleep(3)

    def ticks():
        f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])

    threads = len(os.listdir(f"/proc/{p.pid}/task"))
    out = []
    for _ in range(2):
        for mode in ("off", "on"):
            a, t0, polls = ticks(), time.monotonic(), 0
            while time.monotonic() - t0 < 10:
                if mode == "on":
                    for t in glob.glob(f"/proc/{p.pid}/task/*"):
                        try:
                            open(t + "/schedstat").read()
                            if polls % 50 == 0:
                                open(t + "/status").read()
                        except OSError:
                            pass
                    polls += 1
                time.sleep(0.1)
            out.append(f"{mode} {ticks() - a} ticks ({polls} reads)")
    p.terminate(); p.wait()
    for c in conns:
        c.close()
    print(f"/proc reads, thread engine with {threads} threads: " + "; ".join(out))


def endpoint_reads():
    p, _ = serve("cmwq")
    s = socket.socket(socket.AF_UNIX)
    s.connect(f"/tmp/kechobench-runtime-{p.pid}.sock")

    def read():
        s.sendall(b"\n"); s.recv(512)

    def endpoint_ns():
        total = 0
        for d in glob.glob(f"/proc/{p.pid}/task/*"):
            if open(d + "/comm").read().startswith("runtime counter"):
                total += int(open(d + "/schedstat").read().split()[0])
        return total

    for _ in range(200):
        read()
    for pace in (0.0, 0.01, 0.1):
        count = 100 if pace >= 0.1 else 2000
        a = endpoint_ns()
        for _ in range(count):
            read(); time.sleep(pace)
        print(f"endpoint, one connection, pace {pace * 1000:.0f} ms: {(endpoint_ns() - a) / 1e3 / count:.1f} µs of its threads' CPU per read")
    p.terminate(); p.wait()


proc_reads()
endpoint_reads()
