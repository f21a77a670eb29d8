#!/usr/bin/env bash
# The endpoint under load (docs/benchmarks.md): one command, `bash bench/run-load.sh`.
#
# Starts the real bot (Release build, seed knowledge, default settings) and the JavaScript SDK echo bot
# (bench/peer) on loopback, then, in each of ROUNDS rounds, one after the other:
#   healthz  wrk GET /healthz of the bot: the ceiling of the same server's HTTP stack
#   bot      wrk POST /api/messages of the bot: varied questions of tests/eval/questions.jsonl as
#            expectReplies activities (bench/load/activities.lua): answers/s and latency at peak
#   peer     the same wrk load against the echo bot's /api/messages
#   half     open-loop load at half of this round's bot peak (`AcuBot.Benchmarks pace`): latency at half of peak
# and prints the medians over the rounds. The bot's resident memory is sampled all along.
# Every load runs on 127.0.0.1 only and stops by itself (DURATION seconds each).
#
# Settings (environment): ROUNDS (5), DURATION (10 s), CONNECTIONS (32), BOT_PORT (5391), PEER_PORT (5392),
# BOT_ARGS (extra settings for the bot, e.g. "--Logging:LogLevel:Default=Warning"), BOT_ENV (extra environment
# for the bot only, e.g. "DOTNET_gcServer=0"), QUIET_LOAD (wait, at most
# 60 s, for the 1-minute load average to drop below this before each round; default 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
BOT_PORT=${BOT_PORT:-5391}
PEER_PORT=${PEER_PORT:-5392}
BOT_ARGS=${BOT_ARGS:-}
BOT_ENV=${BOT_ENV:-}
QUIET_LOAD=${QUIET_LOAD:-1.5}
(( ROUNDS >= 1 && ROUNDS <= 20 )) || { echo "ROUNDS must be 1..20" >&2; exit 2; }
(( DURATION >= 2 && DURATION <= 60 )) || { echo "DURATION must be 2..60 seconds" >&2; exit 2; }
(( CONNECTIONS >= 1 && CONNECTIONS <= 512 )) || { echo "CONNECTIONS must be 1..512" >&2; exit 2; }

BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/load-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
QUESTIONS=$ROOT/tests/eval/questions.jsonl
LUA=$ROOT/bench/load/activities.lua
CLK_TCK=$(getconf CLK_TCK)

echo "== tools"
if ! command -v wrk >/dev/null; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
command -v python3 >/dev/null || { echo "python3 is needed to summarise the results" >&2; exit 1; }
(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# A private artifacts folder: never touches the obj/ and bin/ folders of other builds.
dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
BOT_DLL=$ARTIFACTS/bin/AcuBot/release/AcuBot.dll
TOOL=$ARTIFACTS/bin/AcuBot.Benchmarks/release/AcuBot.Benchmarks.dll

for port in "$BOT_PORT" "$PEER_PORT"; do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 1; fi
done

BOT_PID=""; PEER_PID=""; SAMPLER_PID=""
cleanup() {
  for pid in $SAMPLER_PID $BOT_PID $PEER_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $SAMPLER_PID $BOT_PID $PEER_PID; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_ready() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null --max-time 1 "$1"; do
    (( SECONDS < deadline )) || { echo "not ready: $1" >&2; exit 1; }
    sleep 0.05
  done
}

echo "== start the bot (port $BOT_PORT${BOT_ARGS:+, $BOT_ARGS}${BOT_ENV:+, $BOT_ENV}) and the JavaScript SDK echo bot (port $PEER_PORT)"
# shellcheck disable=SC2086
# The per-client rate limits (Limits:MessagesPerMinutePerAddress, ...PerConversation) would answer a load
# generator on one address with 429 after 120 messages a minute: they are off here, since this measures
# the bot's capacity. Everything else is the bot as shipped (appsettings.json), unanswered log included.
(cd "$ROOT" && exec env $BOT_ENV dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT" --Unanswered:DatabasePath="$WORK/unanswered.db" \
  --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 $BOT_ARGS >"$WORK/bot.log" 2>&1) &
BOT_PID=$!
(cd "$ROOT/bench/peer" && NODE_ENV=production exec node echo-bot.js "$PEER_PORT" >"$WORK/peer.log" 2>&1) &
PEER_PID=$!
wait_ready "http://127.0.0.1:$BOT_PORT/healthz" 60
wait_ready "http://127.0.0.1:$PEER_PORT/healthz" 60

( while kill -0 "$BOT_PID" 2>/dev/null; do
    awk -v t="$(date +%s.%N)" '/^VmRSS/ {print t, $2}' "/proc/$BOT_PID/status" 2>/dev/null || true
    sleep 0.5
  done >"$WORK/bot-rss.txt" ) &
SAMPLER_PID=$!

activity='{"type":"message","id":"smoke","serviceUrl":"http://127.0.0.1:9/","channelId":"emulator","from":{"id":"user"},"recipient":{"id":"bot"},"conversation":{"id":"smoke"},"text":"How long do the needles stay in?","deliveryMode":"expectReplies"}'
for port in "$BOT_PORT" "$PEER_PORT"; do
  reply=$(curl -sf "http://127.0.0.1:$port/api/messages" -H 'Content-Type: application/json' -d "$activity")
  grep -q '"activities"' <<<"$reply" || { echo "no expectReplies body from port $port: $reply" >&2; exit 1; }
done

busy_jiffies() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
proc_jiffies() { awk '{print $14+$15}' "/proc/$1/stat"; }

# run_wrk NAME ROUND PID URL wrk-script-args... : one wrk load; appends a JSON line to results.jsonl.
run_wrk() {
  local name=$1 round=$2 pid=$3 url=$4; shift 4
  local b0 p0 b1 p1 out times
  b0=$(busy_jiffies); p0=$(proc_jiffies "$pid")
  times=$( { TIMEFORMAT='%U %S'; time wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "$url" -- "$@" >"$WORK/$name-$round.out" 2>"$WORK/$name-$round.err"; } 2>&1 )
  b1=$(busy_jiffies); p1=$(proc_jiffies "$pid")
  out=$(tail -n 1 "$WORK/$name-$round.out")
  python3 - "$name" "$round" "$out" "$times" "$b0" "$b1" "$p0" "$p1" "$CLK_TCK" "$(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/results.jsonl" <<'PY'
import json, sys
name, rnd, out, times, b0, b1, p0, p1, tck, load = sys.argv[1:]
r = json.loads(out)
tck = float(tck)
server = (float(p1) - float(p0)) / tck
busy = (float(b1) - float(b0)) / tck
client = sum(float(x) for x in times.split())
r.update(name=name, round=int(rnd), server_cpu_s=round(server, 2), client_cpu_s=round(client, 2),
         others_cpu_s=round(max(0.0, busy - server - client), 2), loadavg=float(load),
         server_cpu_us_per_request=round(server * 1e6 / max(1, r["requests"]), 1))
print(json.dumps(r))
PY
  tail -n 1 "$WORK/results.jsonl"
}

wait_quiet() { # the machine is shared: give other work a moment to finish, but never wait long
  local deadline=$((SECONDS + 60))
  while (( SECONDS < deadline )) && awk -v q="$QUIET_LOAD" '{exit !($1 >= q)}' /proc/loadavg; do sleep 2; done
}

echo "== warm-up (not counted)"
wrk -t1 -c"$CONNECTIONS" -d10s -s "$LUA" "http://127.0.0.1:$BOT_PORT/api/messages" -- post "$QUESTIONS" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d3s -s "$LUA" "http://127.0.0.1:$BOT_PORT/healthz" -- get >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s -s "$LUA" "http://127.0.0.1:$PEER_PORT/api/messages" -- post "$QUESTIONS" >/dev/null

for round in $(seq 1 "$ROUNDS"); do
  wait_quiet
  echo "== round $round of $ROUNDS (load average $(cut -d' ' -f1 /proc/loadavg))"
  run_wrk healthz "$round" "$BOT_PID" "http://127.0.0.1:$BOT_PORT/healthz" get
  run_wrk bot "$round" "$BOT_PID" "http://127.0.0.1:$BOT_PORT/api/messages" post "$QUESTIONS"
  run_wrk peer "$round" "$PEER_PID" "http://127.0.0.1:$PEER_PORT/api/messages" post "$QUESTIONS"
  peak=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rps"])' "$(tail -n 2 "$WORK/results.jsonl" | head -n 1)")
  half=$(python3 -c 'import sys; print(round(float(sys.argv[1]) / 2, 1))' "$peak")
  p0=$(proc_jiffies "$BOT_PID")
  out=$(DOTNET_gcServer=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$TOOL" pace --url "http://127.0.0.1:$BOT_PORT/api/messages" --rate "$half" --seconds "$DURATION" --warmup 3 \
        --connections "$CONNECTIONS" --questions "$QUESTIONS" || true)
  p1=$(proc_jiffies "$BOT_PID")
  python3 - "$out" "$round" "$p0" "$p1" "$CLK_TCK" >>"$WORK/results.jsonl" <<'PY'
import json, sys
out, rnd, p0, p1, tck = sys.argv[1:]
r = json.loads(out.strip().splitlines()[-1])
r.update(name="half", round=int(rnd), server_cpu_s=round((float(p1) - float(p0)) / float(tck), 2))
print(json.dumps(r))
PY
  tail -n 1 "$WORK/results.jsonl"
done

status=$(grep -m1 VmHWM "/proc/$BOT_PID/status" | awk '{print $2}')
log_bytes=$(stat -c %s "$WORK/bot.log")
python3 - "$WORK" "$status" "$log_bytes" <<'PY' | tee "$WORK/summary.md"
import json, statistics, sys
work, hwm_kb, log_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [json.loads(l) for l in open(f"{work}/results.jsonl")]
def pick(name, key): return [r[key] for r in rows if r["name"] == name]
def med(xs): return statistics.median(xs) if xs else float("nan")
rounds = sorted({r["round"] for r in rows})
by = {(r["name"], r["round"]): r for r in rows}
ratio_health = [by[("bot", i)]["rps"] / by[("healthz", i)]["rps"] for i in rounds if ("bot", i) in by and ("healthz", i) in by]
ratio_peer = [by[("bot", i)]["rps"] / by[("peer", i)]["rps"] for i in rounds if ("bot", i) in by and ("peer", i) in by]
rss = [int(l.split()[1]) for l in open(f"{work}/bot-rss.txt") if l.strip()]
answers = sum(pick("bot", "requests")) + sum(pick("half", "requests"))
print(f"Load benchmark, {len(rounds)} rounds (medians; each round runs the loads one after the other)\n")
print("| load | requests/s | p50 ms | p99 ms | server CPU µs/request | others' CPU s |")
print("|---|---:|---:|---:|---:|---:|")
for name, label in [("healthz", "GET /healthz (HTTP ceiling)"), ("bot", "POST /api/messages, AcuBot (peak)"), ("peer", "POST /api/messages, JS SDK echo bot (peak)")]:
    print(f"| {label} | {med(pick(name, 'rps')):,.0f} | {med(pick(name, 'p50_ms')):.2f} | {med(pick(name, 'p99_ms')):.2f} | {med(pick(name, 'server_cpu_us_per_request')):.0f} | {med(pick(name, 'others_cpu_s')):.1f} |")
print(f"| POST /api/messages, AcuBot at half of peak (open loop) | {med(pick('half', 'achieved_rate')):,.0f} | {med(pick('half', 'p50_ms')):.2f} | {med(pick('half', 'p99_ms')):.2f} | | |")
print()
print(f"- AcuBot answers/s over /healthz requests/s (same run, per round): median {med(ratio_health):.1%} (rounds: {', '.join(f'{x:.1%}' for x in ratio_health)})")
print(f"- AcuBot answers/s over the JS SDK echo bot's (per round): median {med(ratio_peer):.1f}x (rounds: {', '.join(f'{x:.1f}' for x in ratio_peer)})")
print(f"- Half of peak, p99 per round (ms): {', '.join(str(x) for x in pick('half', 'p99_ms'))}; failed: {sum(pick('half', 'failed'))}, dropped: {sum(pick('half', 'dropped'))}")
print(f"- Bot resident memory under load: max VmRSS {max(rss) / 1024:.0f} MB while sampled, VmHWM {hwm_kb / 1024:.0f} MB")
errors = sum(sum(r[k] for k in ('errors_connect','errors_read','errors_write','errors_status','errors_timeout')) for r in rows if r['name'] != 'half')
failed = sum(pick('half', 'failed')) + sum(pick('half', 'dropped')) + sum(pick('half', 'wrong_body'))
print(f"- Errors (connect/read/write/status/timeout) at peak: {errors}; failed at half of peak: {failed}")
print(f"- Bot log written: {log_bytes / max(1, answers):.0f} bytes per answer; load average during the rounds: {', '.join(str(x) for x in pick('bot', 'loadavg'))}")
print(f"\nRaw results: {work}/results.jsonl")
if errors or failed:
    print("\nINVALID RUN: some requests failed (non-2xx or socket errors); the figures above do not measure answers.")
    sys.exit(1)
PY
