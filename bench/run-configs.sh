#!/usr/bin/env bash
# Which settings change the bot's cost per answer (docs/benchmarks.md): `bash bench/run-configs.sh`.
# Starts one bot per configuration at the same time (different loopback ports), then loads them in
# turn, ROUNDS times, with the same wrk load as bench/run-load.sh, so every configuration sees the same
# background on this shared machine. Prints, per configuration, the median answers/s and the median server
# CPU per answer (the bot process's own CPU time over the answers it gave: far steadier than answers/s
# when other work shares the cores). Configurations: CONFIGS, lines of "name|extra bot arguments|extra
# environment|bot dll (optional: another build of the bot, to compare a change)"; the default compares the shipped settings with Information logs off, server GC,
# the unanswered-question log off, and a larger first GC generation (32 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-32}
BASE_PORT=${BASE_PORT:-5401}
(( ROUNDS >= 1 && ROUNDS <= 20 && DURATION >= 2 && DURATION <= 60 )) || { echo "ROUNDS 1..20, DURATION 2..60" >&2; exit 2; }
CONFIGS=${CONFIGS:-"shipped||
log-warning|--Logging:LogLevel:Default=Warning|
server-gc||DOTNET_gcServer=1
unanswered-off|--Unanswered:Enabled=false|
gen0-32mb||DOTNET_GCgen0size=0x2000000"}
BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/configs-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
QUESTIONS=$ROOT/tests/eval/questions.jsonl
LUA=$ROOT/bench/load/activities.lua
CLK_TCK=$(getconf CLK_TCK)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
BOT_DLL=${BOT_DLL:-$ARTIFACTS/bin/AcuBot/release/AcuBot.dll}

names=(); pids=(); ports=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
port=$BASE_PORT
while IFS='|' read -r name args env dll; do
  [ -n "$name" ] || continue
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 1; fi
  mkdir -p "$WORK/$name"
  # shellcheck disable=SC2086
  (cd "$ROOT" && exec env $env dotnet "${dll:-$BOT_DLL}" --urls "http://127.0.0.1:$port" --Unanswered:DatabasePath="$WORK/$name/unanswered.db" \
     --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 $args >"$WORK/$name/bot.log" 2>&1) &
  pids+=($!); names+=("$name"); ports+=("$port")
  port=$((port + 1))
done <<<"$CONFIGS"
for p in "${ports[@]}"; do
  deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$p/healthz"; do (( SECONDS < deadline )) || { echo "bot on $p not ready" >&2; exit 1; }; sleep 0.1; done
done
echo "== warm-up"
for p in "${ports[@]}"; do wrk -t1 -c"$CONNECTIONS" -d8s -s "$LUA" "http://127.0.0.1:$p/api/messages" -- post "$QUESTIONS" >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    j0=$(awk '{print $14+$15}' "/proc/${pids[$i]}/stat")
    out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "http://127.0.0.1:${ports[$i]}/api/messages" -- post "$QUESTIONS" | tail -n 1)
    j1=$(awk '{print $14+$15}' "/proc/${pids[$i]}/stat")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/${pids[$i]}/status")
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r.update(name=sys.argv[2], round=int(sys.argv[3]), cpu_us=round((int(sys.argv[5])-int(sys.argv[4]))/float(sys.argv[6])*1e6/max(1,r["requests"]),1), rss_mb=round(int(sys.argv[7])/1024)); print(json.dumps(r))' \
      "$out" "${names[$i]}" "$round" "$j0" "$j1" "$CLK_TCK" "$rss" | tee -a "$WORK/results.jsonl"
  done
done
python3 - "$WORK" <<'PY' | tee "$WORK/summary.md"
import json, statistics, sys
rows = [json.loads(l) for l in open(f"{sys.argv[1]}/results.jsonl")]
names = list(dict.fromkeys(r["name"] for r in rows))
med = statistics.median
print("| configuration | answers/s | server CPU µs/answer | p99 ms | RSS MB | errors |")
print("|---|---:|---:|---:|---:|---:|")
for n in names:
    rs = [r for r in rows if r["name"] == n]
    errors = sum(r[k] for r in rs for k in ("errors_connect", "errors_read", "errors_write", "errors_status", "errors_timeout"))
    print(f"| {n} | {med(r['rps'] for r in rs):,.0f} | {med(r['cpu_us'] for r in rs):.0f} | {med(r['p99_ms'] for r in rs):.1f} | {max(r['rss_mb'] for r in rs)} | {errors} |")
print(f"\nMedians of {len(rows) // len(names)} rounds, loaded in turn. Raw: {sys.argv[1]}/results.jsonl")
PY
