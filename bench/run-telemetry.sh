#!/usr/bin/env bash
# What telemetry costs under load (docs/benchmarks.md): one command, `bash bench/run-telemetry.sh`.
#
# Three bots of the same Release build run side by side on loopback: "off" (as shipped: no exporter, so no
# telemetry pipeline), "metrics" (Telemetry:MetricsEndpoint=true, scraped once a round as Prometheus would)
# and "otlp" (OTEL_EXPORTER_OTLP_ENDPOINT set: traces of every request, metrics and logs exported over
# OTLP/HTTP to a sink that accepts and discards them, bench/load/otlp-sink.py). In each of ROUNDS rounds the
# same wrk load as bench/run-load.sh (POST /api/messages, expectReplies, tests/eval questions) hits each bot
# in turn, in an order that rotates, so that a busy moment of the machine falls on all three alike. Per
# load: answers/s and the bot's own CPU per answer (its process's user+system time, exporters included).
# Prints the medians and each configuration's cost against "off".
#
# Settings (environment): ROUNDS (6), DURATION (8 s), WARMUP (15 s a bot, JIT tiering and caches), CONNECTIONS (32),
# PORT (5471; uses PORT..PORT+3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5471}
(( ROUNDS >= 1 && ROUNDS <= 30 )) || { echo "ROUNDS must be 1..30" >&2; exit 2; }
(( DURATION >= 2 && DURATION <= 60 )) || { echo "DURATION must be 2..60 seconds" >&2; exit 2; }

BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/telemetry-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
QUESTIONS=$ROOT/tests/eval/questions.jsonl
LUA=$ROOT/bench/load/activities.lua
CLK_TCK=$(getconf CLK_TCK)

if ! command -v wrk >/dev/null; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
BOT_DLL=$ARTIFACTS/bin/AcuBot/release/AcuBot.dll

for p in $PORT $((PORT + 1)) $((PORT + 2)) $((PORT + 3)); do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/"; then echo "port $p is in use" >&2; exit 1; fi
done

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

SINK_PORT=$((PORT + 3))
python3 bench/load/otlp-sink.py "$SINK_PORT" >"$WORK/sink.log" 2>&1 &
PIDS+=($!)

declare -A BOT_PID BOT_PORT
start_bot() { # name port env... -- args...
  local name=$1 port=$2; shift 2
  local env=() args=()
  while (( $# )) && [[ $1 != -- ]]; do env+=("$1"); shift; done
  (( $# )) && shift
  args=("$@")
  (cd "$ROOT" && exec env "${env[@]}" dotnet "$BOT_DLL" --urls "http://127.0.0.1:$port" \
    --Unanswered:DatabasePath="$WORK/$name-unanswered.db" --Embeddings:CacheFolder="$WORK/$name-data" \
    --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 "${args[@]}" >"$WORK/$name.log" 2>&1) &
  BOT_PID[$name]=$!; BOT_PORT[$name]=$port; PIDS+=($!)
}
start_bot off "$PORT" DOTNET_gcServer=0
start_bot metrics $((PORT + 1)) DOTNET_gcServer=0 -- --Telemetry:MetricsEndpoint=true
start_bot otlp $((PORT + 2)) DOTNET_gcServer=0 OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf

for name in off metrics otlp; do
  deadline=$((SECONDS + 120))
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:${BOT_PORT[$name]}/health/ready"; do
    (( SECONDS < deadline )) || { echo "not ready: $name" >&2; cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.2
  done
done
curl -sf -o /dev/null "http://127.0.0.1:$((PORT + 1))/metrics" || { echo "no /metrics on the metrics bot" >&2; exit 1; }

proc_jiffies() { awk '{print $14+$15}' "/proc/$1/stat"; }

echo "== warm-up (not counted)"
for name in off metrics otlp; do
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP:-15}s" -s "$LUA" "http://127.0.0.1:${BOT_PORT[$name]}/api/messages" -- post "$QUESTIONS" >/dev/null
done

names=(off metrics otlp)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS (load average $(cut -d' ' -f1 /proc/loadavg))"
  for i in 0 1 2; do
    name=${names[$(( (i + round) % 3 ))]}
    pid=${BOT_PID[$name]}
    p0=$(proc_jiffies "$pid")
    wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "http://127.0.0.1:${BOT_PORT[$name]}/api/messages" -- post "$QUESTIONS" >"$WORK/$name-$round.out" 2>&1
    [[ $name == metrics ]] && curl -sf -o /dev/null "http://127.0.0.1:${BOT_PORT[$name]}/metrics"
    p1=$(proc_jiffies "$pid")
    python3 - "$name" "$round" "$(tail -n 1 "$WORK/$name-$round.out")" "$p0" "$p1" "$CLK_TCK" "$(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/results.jsonl" <<'PY'
import json, sys
name, rnd, out, p0, p1, tck, load = sys.argv[1:]
r = json.loads(out)
cpu = (float(p1) - float(p0)) / float(tck)
r.update(name=name, round=int(rnd), server_cpu_s=round(cpu, 2), loadavg=float(load),
         server_cpu_us_per_request=round(cpu * 1e6 / max(1, r["requests"]), 1))
print(json.dumps(r))
PY
    tail -n 1 "$WORK/results.jsonl"
  done
done

python3 - "$WORK" <<'PY' | tee "$WORK/summary.md"
import json, statistics, sys
work = sys.argv[1]
rows = [json.loads(l) for l in open(f"{work}/results.jsonl")]
def med(name, key): return statistics.median(r[key] for r in rows if r["name"] == name)
errors = sum(r[k] for r in rows for k in ("errors_connect", "errors_read", "errors_write", "errors_status", "errors_timeout"))
rounds = sorted({r["round"] for r in rows})
by = {(r["name"], r["round"]): r for r in rows}
print(f"Telemetry under load, {len(rounds)} rounds (medians; the three bots take turns within each round)\n")
print("| telemetry | answers/s | p99 ms | bot CPU µs/answer | CPU vs off (per round, median) |")
print("|---|---:|---:|---:|---:|")
for name, label in [("off", "off (as shipped)"), ("metrics", "metrics, /metrics scraped"), ("otlp", "OTLP: traces, metrics, logs")]:
    ratio = statistics.median(by[(name, i)]["server_cpu_us_per_request"] / by[("off", i)]["server_cpu_us_per_request"] for i in rounds)
    print(f"| {label} | {med(name, 'rps'):,.0f} | {med(name, 'p99_ms'):.2f} | {med(name, 'server_cpu_us_per_request'):.0f} | {ratio - 1:+.1%} |")
print(f"\nLoad average during the rounds: {', '.join(str(r['loadavg']) for r in rows if r['name'] == 'off')}; socket or status errors: {errors}")
print(f"Raw results: {work}/results.jsonl")
if errors: sys.exit(1)
PY
