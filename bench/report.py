"""Turns one run's raw results (build/bench/results/*.json[l]) into bench/RESULTS.md
and the chart bench/results.png. Run by bench/run; every number comes from that run.

Usage: report.py RESULTS_DIR OUT.md OUT.png [--smoke]
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

MISSION = "RS512-2048"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Row:
    lang: str
    library: str
    op: str
    mode: str
    alg: str
    threads: int
    ops: float
    scaling: bool = False  # a 1-vs-2-threads row, timed by the wall clock


def google_benchmark_rows(path: Path) -> Iterable[Row]:
    """Median of the repetitions (full run) or the single run (smoke) of each benchmark."""
    entries = json.loads(path.read_text())["benchmarks"]
    repeated = any(e.get("run_type") == "aggregate" for e in entries)
    for e in entries:
        if repeated and e.get("aggregate_name") != "median":
            continue
        library, op, mode, alg = e["run_name"].split("/")[:4]
        lang = "C (OpenSSL)" if library == "openssl" else "C" if library == "libjwt" else "C++"
        yield Row(lang, library, op, mode, alg, int(e.get("threads", 1)), float(e["items_per_second"]),
                  "/scaling" in e["run_name"])


def json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


LANG_NAMES = {"node": "Node", "python": "Python"}


class Results:
    def __init__(self, directory: Path) -> None:
        self.rows: list[Row] = []
        for name in ("cpp_openssl.json", "cpp_cpp.json", "cpp_peers.json"):
            self.rows.extend(google_benchmark_rows(directory / name))
        self.event_loop: list[dict] = []
        for name in ("node.jsonl", "python.jsonl"):
            for r in json_lines(directory / name):
                if r["op"] == "event loop":
                    self.event_loop.append(r)
                    continue
                self.rows.append(Row(LANG_NAMES[r["lang"]], r["library"], r["op"], r["mode"],
                                     r["alg"], int(r.get("threads", 1)), float(r["ops"]),
                                     "threads" in r))
        self.memory = json_lines(directory / "rss.jsonl")
        self.profile = {p["row"]: p for p in json_lines(directory / "profile.jsonl")}
        self.load = (directory / "load.txt").read_text().strip()

    def ops(self, lang: str, library: str, op: str, mode: str, alg: str = MISSION,
            threads: int = 0) -> float:
        """threads 0: the single-thread throughput row; 1 or 2: the scaling rows."""
        wanted = (lang, library, op, mode, alg, max(threads, 1), threads > 0)
        for r in self.rows:
            if (r.lang, r.library, r.op, r.mode, r.alg, r.threads, r.scaling) == wanted:
                return r.ops
        raise SystemExit(f"report: no result for {lang} {library} {op} {mode} {alg} x{threads}")

    def limit(self, op: str, alg: str = MISSION) -> float:
        """Raw OpenSSL EVP with a reused context: verify is the limit, sign is raw sign."""
        return self.ops("C (OpenSSL)", "openssl", op, "reused ctx", alg)

    def memory_of(self, lang: str) -> dict:
        return next(m for m in self.memory if m["lang"] == lang)


def fmt_ops(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def times(value: float) -> str:
    return f"{value:.2f}×" if value < 10 else f"{value:,.0f}×"


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def command_output(*argv: str) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def machine() -> str:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from cryptography.hazmat.backends.openssl.backend import backend

    node_openssl = command_output("node", "-p", "process.versions.openssl")
    return "\n".join([
        f"- CPU: {cpu}, {os.cpu_count()} cores ({platform.machine()}, {platform.system()} "
        f"{platform.release()})",
        f"- OpenSSL: {command_output('openssl', 'version')} (appjwt, raw EVP, libjwt, cpp-jwt); "
        f"Node's crypto {node_openssl}; Python cryptography {backend.openssl_version_text()}",
        f"- Node {command_output('node', '--version')}, Python {platform.python_version()}",
    ])


LANG_ORDER = ["C (OpenSSL)", "C++", "C", "Node", "Python"]
# A lookup, not a verification: in the tables, but off the chart's percent scale.
CACHE_HIT = "KeyStore by appId, verified-token cache hit"

MODE_ORDER = ["reused ctx", "new ctx", "key object", "PEM per call", "KeyStore by appId",
              CACHE_HIT, "PEM parsed per call"]


def row_sort_key(r: Row) -> tuple:
    return (LANG_ORDER.index(r.lang), r.library != "appjwt", r.library, MODE_ORDER.index(r.mode))


def throughput_section(res: Results, alg: str) -> str:
    parts = []
    for op, limit_name in (("verify", "the limit (raw verify, reused ctx)"),
                           ("sign", "raw sign (reused ctx)")):
        limit = res.limit(op, alg)
        rows = sorted((r for r in res.rows if r.alg == alg and r.op == op and not r.scaling),
                      key=row_sort_key)
        parts.append(f"**{op}**, ratio to {limit_name} = {fmt_ops(limit)} ops/s\n\n" + table(
            ["language", "library", "key passing", "ops/s", "vs raw"],
            ([r.lang, r.library, r.mode, fmt_ops(r.ops), pct(r.ops / limit)] for r in rows)))
    return "\n\n".join(parts)


def peer_section(res: Results) -> str:
    lines = []
    for r in sorted(res.rows, key=row_sort_key):
        if r.library in ("appjwt", "openssl") or r.scaling:
            continue
        mine = res.ops(r.lang if r.lang != "C" else "C++", "appjwt", r.op, r.mode, r.alg)
        lines.append([r.alg, r.op, f"{r.library} ({r.lang})", r.mode, fmt_ops(mine), fmt_ops(r.ops),
                      times(mine / r.ops)])
    lines.sort(key=lambda line: (line[0] != MISSION, line[0], line[1] != "verify"))
    return table(["algorithm", "op", "peer", "key passing (both)", "appjwt ops/s", "peer ops/s",
                  "appjwt / peer"], lines)


def scaling_section(res: Results) -> str:
    lines = []
    for r in sorted(res.rows, key=row_sort_key):
        if r.scaling and r.threads == 2:
            one = res.ops(r.lang, r.library, r.op, r.mode, r.alg, threads=1)
            lines.append([r.lang, r.library, r.op, r.mode, fmt_ops(one), fmt_ops(r.ops),
                          times(r.ops / one)])
    return table(["language", "library", "op", "key passing", "1 thread", "2 threads", "scaling"],
                 lines)


def event_loop_section(res: Results) -> str:
    return table(["signing", "signs", "wall s", "timer ticks", "p50 delay", "p99 delay", "max delay"], (
        [e["library"], f"{e['signs']:,}", f"{e['seconds']:.2f}", f"{e['ticks']:,}",
         f"{e['p50_ms']:.2f} ms", f"{e['p99_ms']:.2f} ms", f"{e['max_ms']:.1f} ms"]
        for e in res.event_loop))


MEMORY_LANGS = (("cpp", "C++ (Key object)"), ("node", "Node (PEM string per call)"),
                ("python", "Python (PEM string per call)"))


def memory_section(res: Results) -> str:
    def growth(m: dict, prefix: str) -> str:
        return f"{(m[prefix + 'rss_after'] - m[prefix + 'rss_before']) / MIB:+.2f} MiB"

    # Node also reports V8's reserved heap (heapTotal): RSS growth it accounts for is
    # the young generation resized under allocation pressure, a one-time high-water mark.
    def heap_growth(m: dict, prefix: str) -> str:
        if prefix + "heap_total_after" not in m:
            return "-"
        return f"{(m[prefix + 'heap_total_after'] - m[prefix + 'heap_total_before']) / MIB:+.2f} MiB"

    return table(["language", "verifies", "RSS growth (valid)", "RSS growth (rejected)",
                  "of which V8 heap reserved (valid / rejected)", "peak RSS"], (
        [name, f"{m['verifies']:,}", growth(m, ""), growth(m, "rejected_"),
         f"{heap_growth(m, '')} / {heap_growth(m, 'rejected_')}", f"{m['peak_rss'] / MIB:.1f} MiB"]
        for lang, name in MEMORY_LANGS for m in [res.memory_of(lang)]))


def short_name(function: str) -> str:
    """appjwt::verify_bytes(std::basic_string_view<...>, ...) -> appjwt::verify_bytes"""
    name = function.replace("(anonymous namespace)::", "").replace("[abi:cxx11]", "")
    name = name.split("(")[0]
    return name if len(name) <= 80 else name[:77] + "..."


def profile_section(res: Results) -> str:
    lines = []
    for op in ("verify", "sign"):
        raw, mine = res.profile[f"raw-{op}"], res.profile[f"appjwt-{op}"]
        overhead = mine["ir_per_call"] - raw["ir_per_call"]
        lines.append([op, f"{raw['ir_per_call']:,.0f}", f"{mine['ir_per_call']:,.0f}",
                      f"{overhead:+,.0f}", pct(raw["ir_per_call"] / mine["ir_per_call"])])
    text = table(["RS512-2048", "raw EVP Ir/call", "appjwt Ir/call", "appjwt overhead",
                  "raw / appjwt"], lines)
    for row in ("appjwt-verify", "appjwt-sign", "raw-verify", "raw-sign"):
        p = res.profile[row]
        text += f"\n\n`{short_name(p['function'])}` ({row}), its direct callees:\n\n" + table(
            ["Ir/call", "function"],
            ([f"{c['ir_per_call']:,.0f}", f"`{short_name(c['function'])}`"] for c in p["callees"][:8]))
    return text


@dataclass
class Target:
    text: str
    measured: Callable[[], Optional[float]]
    threshold: float
    higher_is_better: bool = True
    unit: str = "ratio"  # "pct", "x", "ms", "MiB"

    def show(self, value: float) -> str:
        return {"pct": pct, "x": times}.get(self.unit, lambda v: f"{v:.2f} {self.unit}")(value)

    def verdict(self) -> list[str]:
        value = self.measured()
        if value is None:
            return [self.text, "not measured", "**not met**: not built in the core"]
        met = value >= self.threshold if self.higher_is_better else value < self.threshold
        if self.unit in ("ms", "MiB"):
            margin = f"{abs(self.threshold - value):.2f} {self.unit} " + ("to spare" if met else "over")
        else:
            margin = f"{100 * abs(value / self.threshold - 1):.1f} % " + ("above" if met else "short")
        return [self.text, self.show(value), ("met" if met else "**not met**") + f" ({margin})"]


def targets(res: Results) -> list[Target]:
    def ratio(lang: str, op: str, mode: str, peer: tuple[str, str] | None = None) -> Callable:
        if peer is None:
            return lambda: res.ops(lang, "appjwt", op, mode) / res.limit(op)
        return lambda: res.ops(lang, "appjwt", op, mode) / res.ops(lang, peer[0], op, peer[1])

    def scaling(lang: str) -> Callable:
        return lambda: (res.ops(lang, "appjwt", "verify", "key object", threads=2) /
                        res.ops(lang, "appjwt", "verify", "key object", threads=1))

    def growth(lang: str, prefix: str) -> Callable:
        m = res.memory_of(lang)
        return lambda: (m[prefix + "rss_after"] - m[prefix + "rss_before"]) / MIB

    def p99() -> float:
        return next(e["p99_ms"] for e in res.event_loop if e["library"].startswith("appjwt"))

    pem = "PEM per call"
    obj = "key object"
    out = [
        Target("C++ verify ≥ 95 % of the limit", ratio("C++", "verify", obj), 0.95, unit="pct"),
        Target("C++ sign ≥ 97 % of raw sign", ratio("C++", "sign", obj), 0.97, unit="pct"),
    ]
    for lang in ("Node", "Python"):
        out += [
            Target(f"{lang} verify, PEM string per call, ≥ 85 % of the limit",
                   ratio(lang, "verify", pem), 0.85, unit="pct"),
            Target(f"{lang} sign, PEM string per call, ≥ 95 % of raw sign", ratio(lang, "sign", pem),
                   0.95, unit="pct"),
        ]
    out += [
    ]
    # appjwt with the PEM string on every call against a peer: (language, op, peer,
    # the peer's key passing, the factor appjwt must reach).
    peer_targets = [
        ("Node", "verify", "jsonwebtoken", pem, 6),
        ("Node", "verify", "fast-jwt", obj, 1.2),  # its fastest uncached mode
        ("Node", "sign", "jsonwebtoken", pem, 3),
        ("Python", "verify", "PyJWT", pem, 2.5),
        ("Python", "sign", "PyJWT", pem, 100),
        ("Python", "verify", "PyJWT", obj, 1.3),
    ]
    out += [Target(f"{lang} {op} (PEM per call) ≥ {factor}× {peer} "
                   f"({'PEM per call' if mode == pem else 'key parsed once'})",
                   ratio(lang, op, pem, (peer, mode)), factor, unit="x")
            for lang, op, peer, mode, factor in peer_targets]
    out += [
        Target("Python: 2 threads verify ≥ 1.8× one thread", scaling("Python"), 1.8, unit="x"),
        Target("C++: 2 threads verify ≥ 1.8× one thread", scaling("C++"), 1.8, unit="x"),
        Target("Node event-loop p99 delay < 10 ms during async signs", p99, 10, False, "ms"),
    ]
    for lang, name in MEMORY_LANGS:
        for prefix, what in (("", "verifies"), ("rejected_", "rejected tokens")):
            out.append(Target(f"{name.split(' ')[0]}: RSS growth < 2 MiB over "
                              f"{res.memory_of(lang)['verifies']:,} {what}", growth(lang, prefix),
                              2, False, "MiB"))
    out.append(Target("Verified-token cache hit ≥ 20× raw verify (optional, core)",
                      ratio("C++", "verify", CACHE_HIT), 20, unit="x"))
    return out


def chart(res: Results, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colors = {"C (OpenSSL)": "#555555", "C++": "#1f77b4", "C": "#9ecae1", "Node": "#2ca02c",
              "Python": "#ff7f0e"}
    fig, axes = plt.subplots(1, 2, figsize=(15, 7.5))
    for ax, op in zip(axes, ("verify", "sign")):
        rows = sorted((r for r in res.rows if r.alg == MISSION and r.op == op and not r.scaling
                       and r.mode != CACHE_HIT), key=row_sort_key, reverse=True)
        limit = res.limit(op)
        labels = [f"{r.lang}: {r.library} ({r.mode})" for r in rows]
        bars = ax.barh(labels, [100 * r.ops / limit for r in rows],
                       color=[colors[r.lang] for r in rows])
        for bar, r in zip(bars, rows):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {fmt_ops(r.ops)}/s",
                    va="center", fontsize=7)
        ax.set_xlim(0, 125)
        ax.set_xlabel(f"% of raw OpenSSL {op} with a reused context ({fmt_ops(limit)}/s)")
        ax.set_title(f"RS512, RSA-2048: {op} (ops/s at the bar ends)")
        ax.tick_params(axis="y", labelsize=7)
    fig.suptitle("appjwt vs raw OpenSSL and peers (one run of bench/run)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    directory, out_md, out_png = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    smoke = "--smoke" in sys.argv[4:]
    res = Results(directory)
    other_algs = sorted({r.alg for r in res.rows} - {MISSION}, key=lambda a: (a[:2], a))
    profile = Path(__file__).with_name("profile.md")
    sections = [
        "# appjwt benchmarks\n",
        "Generated by `bench/run` from one run"
        + (" (**smoke run: a few hundred iterations per row, not a measurement**)" if smoke else "")
        + (". ops/s comes from one short run per row" if smoke else
           ". ops/s is the median of 5 runs per row")
        + ". Single-thread rows count operations per CPU "
        "second of the process (Google Benchmark's default; `process.cpuUsage()` in Node, "
        "`time.process_time()` in Python): that equals ops/s on an idle core and stays right when "
        "other processes share the machine. The 2-thread and event-loop rows use the wall clock. "
        "\"vs raw\" is the "
        "ratio to raw OpenSSL EVP with a pre-parsed key and a context set up once and reused "
        "(EVP_MD_CTX_copy_ex of an initialised template per call), for the same algorithm. Workload: "
        "sign `{\"appId\": <34 chars>, \"iat\": now, \"exp\": now + 300}`, verify its signature and "
        "exp; raw rows sign/verify a 250-byte message. Key passing: \"PEM per call\" hands the PEM "
        "string to every call, as the seed's code does; appjwt then finds the parsed key in its "
        "bounded key cache (C++ `KeyCache::shared()`, which the bindings use), while libjwt and "
        "cpp-jwt parse it every time; \"PEM parsed per call\" is appjwt without the cache. \"key "
        "object\" parses once (appjwt `Key`, Node `KeyObject`/jose `CryptoKey`/a fast-jwt "
        "verifier made once with its cache off, a `cryptography` key for PyJWT).\n",
        "## Machine\n\n" + machine() + f"\n- Load: {res.load}. The machine is shared (2 cores), so "
        "absolute numbers carry some noise; all ratios come from the same run.\n",
        "## Targets (issue 6)\n\n" + table(["target", "measured", "verdict"],
                                           (t.verdict() for t in targets(res))) + "\n",
        f"## Throughput, RS512 with RSA-2048 (the mission)\n\n{throughput_section(res, MISSION)}\n",
        "![benchmark chart](results.png)\n",
        "## appjwt vs each peer\n\n" + peer_section(res) + "\n",
        "## 2-thread scaling\n\n" + scaling_section(res) + "\n",
        "## Node event loop: a 1 ms timer while RS512 signs run\n\n" + event_loop_section(res) + "\n",
        "## Memory\n\n" + memory_section(res) + "\n\nGrowth is RSS after minus before the verifies, "
        "each measured after a warm-up (and a GC in Node and Python); rejected tokens carry a "
        "tampered signature.\n",
    ]
    sections += [f"## Other algorithms: {alg}\n\n{throughput_section(res, alg)}\n" for alg in other_algs]
    sections.append(
        "## Profile: instructions per call (callgrind, same build)\n\nInstruction counts do not "
        "depend on the machine's load, so they show the overhead above raw OpenSSL exactly; "
        "\"raw / appjwt\" predicts the throughput ratio when both run at the same speed per "
        "instruction.\n\n" + profile_section(res) + "\n")
    if profile.exists():
        sections.append(profile.read_text())
    out_md.write_text("\n".join(sections))
    chart(res, out_png)
    print(f"wrote {out_md} and {out_png}")


if __name__ == "__main__":
    main()
