#!/usr/bin/env bash
# Start-up and memory (docs/benchmarks.md): one command, `bash bench/run-startup.sh`.
# For the seed knowledge and the generated 10,000- and 100,000-passage knowledge bases:
#   index   in a fresh process each run: reading the folder into passages, and building the Lucene index
#           (cold, as at the bot's start), with the process's resident memory after it
#   ready   the real bot (Release build): process start to the first 200 from GET /healthz, and its
#           resident memory (VmRSS from /proc/PID/status) when ready and 2 s later
# RUNS runs of each (default 5; 3 for 100,000 passages), medians printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PORT=${PORT:-5393}
(( RUNS >= 1 && RUNS <= 20 )) || { echo "RUNS must be 1..20" >&2; exit 2; }
BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/startup-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
command -v python3 >/dev/null || { echo "python3 is needed to summarise the results" >&2; exit 1; }
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; exit 1; fi

dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
TOOL=$ARTIFACTS/bin/AcuBot.Benchmarks/release/AcuBot.Benchmarks.dll
BOT_DLL=$ARTIFACTS/bin/AcuBot/release/AcuBot.dll
dotnet "$TOOL" kb 10000 100000

for corpus in seed 10k 100k; do
  runs=$RUNS; [ "$corpus" = 100k ] && runs=$(( RUNS < 3 ? RUNS : 3 ))
  echo "== $corpus: index build, $runs runs"
  for _ in $(seq 1 "$runs"); do dotnet "$TOOL" index "$corpus" 2>/dev/null | tee -a "$WORK/index.jsonl"; done
  echo "== $corpus: bot start to /healthz 200, $runs runs"
  dotnet "$TOOL" startup --dll "$BOT_DLL" --knowledge "$corpus" --port "$PORT" --runs "$runs" | tee -a "$WORK/startup.jsonl"
done

python3 - "$WORK" <<'PY' | tee "$WORK/summary.md"
import json, statistics, sys
work = sys.argv[1]
index = [json.loads(l) for l in open(f"{work}/index.jsonl")]
start = [json.loads(l) for l in open(f"{work}/startup.jsonl")]
med = lambda xs: statistics.median(xs)
print("| knowledge | passages | read ms | index ms | read+index ms | RSS after index MB | ready ms (bot) | RSS ready MB | RSS +2 s MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for c in ("seed", "10k", "100k"):
    i = [r for r in index if r["corpus"] == c]; s = [r for r in start if r["corpus"] == c]
    print(f"| {c} | {i[0]['passages']:,} | {med([r['load_ms'] for r in i]):,.0f} | {med([r['index_ms'] for r in i]):,.0f} | "
          f"{med([r['total_ms'] for r in i]):,.0f} | {med([r['rss_mb'] for r in i]):.0f} | {med([r['ready_ms'] for r in s]):,.0f} | "
          f"{med([r['rss_ready_mb'] for r in s]):.0f} | {med([r['rss_settled_mb'] for r in s]):.0f} |")
print(f"\nMedians of {len([r for r in start if r['corpus'] == 'seed'])} runs (100k: {len([r for r in start if r['corpus'] == '100k'])}). Raw: {work}")
PY
