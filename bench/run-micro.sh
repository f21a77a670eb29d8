#!/usr/bin/env bash
# Search and turn benchmarks (BenchmarkDotNet, docs/benchmarks.md): one command, `bash bench/run-micro.sh`.
# Builds the benchmarks in Release into a private artifacts folder, writes the generated knowledge bases
# (10,000 and 100,000 passages, cached under $ACUBOT_BENCH_TMP, default /tmp/acubot-bench) and runs
# SearchBenchmarks and TurnBenchmarks on the seed knowledge and both generated ones, RUNS times (default
# 3), then prints each run's BenchmarkDotNet table and the medians over the runs. Each case times 1,000
# single calls after warming up; one run takes under a minute. Extra arguments go to BenchmarkDotNet,
# e.g. `--filter '*Search*'`. One run alone: `dotnet run -c Release --project bench/AcuBot.Benchmarks -- --filter '*'`.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
(( RUNS >= 1 && RUNS <= 10 )) || { echo "RUNS must be 1..10" >&2; exit 2; }
BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/micro-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
command -v python3 >/dev/null || { echo "python3 is needed to summarise the results" >&2; exit 1; }
dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
TOOL=$ARTIFACTS/bin/AcuBot.Benchmarks/release/AcuBot.Benchmarks.dll
dotnet "$TOOL" kb 10000 100000
filter=("$@"); [ ${#filter[@]} -gt 0 ] || filter=(--filter '*')
for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS (load average $(cut -d' ' -f1 /proc/loadavg))"
  # The turn logs its warnings (red flags) to standard error; BenchmarkDotNet reports on standard output.
  dotnet "$TOOL" "${filter[@]}" --artifacts "$WORK/run-$run" >"$WORK/run-$run.log" 2>"$WORK/run-$run.stderr.log"
  cat "$WORK/run-$run"/results/*-report-github.md | grep '^|' | sed 's/\*\*//g'
done
python3 - "$WORK" "$RUNS" <<'PY' | tee "$WORK/summary.md"
import csv, glob, re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
scale = {"ns": 1e-3, "μs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6, "B": 1 / 1024, "KB": 1.0, "MB": 1024.0}
def value(text):
    m = re.match(r"([\d,.]+)\s*(\S+)", text.strip())
    return float(m.group(1).replace(",", "")) * scale[m.group(2)] if m else float("nan")
cells = {}
for path in sorted(glob.glob(f"{work}/run-*/results/*-report.csv")):
    for row in csv.DictReader(open(path, encoding="utf-8")):
        key = (row["Method"], row["Knowledge"])
        for col in ("Mean", "Median", "P95", "P99", "Max", "Allocated"):
            cells.setdefault(key, {}).setdefault(col, []).append(value(row[col]))
order = {"Seed": 0, "Passages10k": 1, "Passages100k": 2}
print(f"\nMedians of {runs} runs (times in µs, allocation in KB per call):\n")
print("| Method | Knowledge | Mean | Median | P95 | P99 | Max | Allocated |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (method, knowledge) in sorted(cells, key=lambda k: (k[0], order.get(k[1], 9))):
    c = {k: statistics.median(v) for k, v in cells[(method, knowledge)].items()}
    print(f"| {method} | {knowledge} | {c['Mean']:,.1f} | {c['Median']:,.1f} | {c['P95']:,.1f} | {c['P99']:,.1f} | {c['Max']:,.0f} | {c['Allocated']:,.1f} |")
print(f"\nResults: {work}")
PY
