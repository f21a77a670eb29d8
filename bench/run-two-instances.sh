#!/usr/bin/env bash
# Two instances on one Redis behind a loopback round-robin, under Direct Line load (docs/benchmarks.md,
# Issue 13): `bash bench/run-two-instances.sh`.
#
# Publishes the bot (Release), starts a redis-server on loopback (persistence off), two instances sharing it
# and one DirectLine:Secret, and bench/load/round-robin.js in front (each new connection to the next instance
# whose /health/ready answered 200 at its last check, once a second; a refused one skipped; no sticky sessions).
# Then:
#   two    DURATION (60) s of mixed Direct Line conversations through the balancer (bench/load/directline-load.js:
#          half the workers on WebSockets, half polling, MESSAGES questions each, new conversations all along,
#          no request ever sent again), while instance B is stopped with SIGTERM at RESTART_AT (20) s (it drains
#          for Shutdown:DrainSeconds, DRAIN (5), its readiness answering 503) and started again
#   peak   one instance, straight: HALF_DURATION (20) s closed loop, all WebSockets: answers/s at peak
#   half   the same instance, open loop at half of that peak: post-to-reply latency at half of peak
# Every load goes to 127.0.0.1 only and stops by itself. Settings (environment): DURATION, RESTART_AT,
# HALF_DURATION, WORKERS (16), MESSAGES (4), DRAIN (5), RESEND (0; 1: the load client resends a request whose
# connection closed unanswered, as a browser does), PORT_A (5401), PORT_B (5402), PROXY_PORT (5400), REDIS_PORT (6401).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DURATION=${DURATION:-60}
RESTART_AT=${RESTART_AT:-20}
HALF_DURATION=${HALF_DURATION:-20}
WORKERS=${WORKERS:-16}
MESSAGES=${MESSAGES:-4}
DRAIN=${DRAIN:-5}
RESEND=${RESEND:-0}
PORT_A=${PORT_A:-5401}
PORT_B=${PORT_B:-5402}
PROXY_PORT=${PROXY_PORT:-5400}
REDIS_PORT=${REDIS_PORT:-6401}
(( DURATION >= 10 && DURATION <= 300 )) || { echo "DURATION must be 10..300 seconds" >&2; exit 2; }
(( RESTART_AT >= 1 && RESTART_AT < DURATION )) || { echo "RESTART_AT must be within DURATION" >&2; exit 2; }
(( WORKERS >= 1 && WORKERS <= 256 )) || { echo "WORKERS must be 1..256" >&2; exit 2; }
(( DRAIN >= 0 && DRAIN <= 300 )) || { echo "DRAIN must be 0..300 seconds" >&2; exit 2; }
[[ $RESEND == 0 || $RESEND == 1 ]] || { echo "RESEND must be 0 or 1" >&2; exit 2; }
RESEND_JSON=$([[ $RESEND == 1 ]] && echo true || echo false)

BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/two-instances-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
SECRET=bench-two-instances-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
QUESTIONS='["'$ROOT'/tests/eval/questions.jsonl","'$ROOT'/tests/eval/patients-a.jsonl","'$ROOT'/tests/eval/patients-b.jsonl"]'

echo "== tools"
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
[[ -f tests/peer/node_modules/ws/package.json ]] || (cd tests/peer && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
export NODE_PATH=$ROOT/tests/peer/node_modules
dotnet build src/AcuBot -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
BOT_DLL=$ARTIFACTS/bin/AcuBot/release/AcuBot.dll

for port in "$PORT_A" "$PORT_B" "$PROXY_PORT" "$REDIS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

REDIS_PID=""; A_PID=""; B_PID=""; PROXY_PID=""
cleanup() {
  for pid in $PROXY_PID $A_PID $B_PID $REDIS_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $PROXY_PID $A_PID $B_PID $REDIS_PID; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_ready() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null --max-time 1 "$1"; do
    (( SECONDS < deadline )) || { echo "not ready: $1" >&2; exit 1; }
    sleep 0.05
  done
}

start_bot() { # name port -> pid in LAST_PID
  # Every client here is 127.0.0.1: the per-address and per-conversation limits are off, as in every load benchmark.
  (cd "$ROOT" && exec dotnet "$BOT_DLL" --urls "http://127.0.0.1:$2" --Unanswered:DatabasePath="$WORK/$1.db" \
    --ConnectionStrings:Redis="127.0.0.1:$REDIS_PORT" --DirectLine:Secret="$SECRET" --Shutdown:DrainSeconds="$DRAIN" \
    --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 --Limits:TokensPerMinutePerAddress=0 \
    --Limits:StreamsPerAddress=0 --Limits:ReadsPerMinutePerAddress=0 >>"$WORK/$1.log" 2>&1) &
  LAST_PID=$!
}

echo "== redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on $REDIS_PORT, instances on $PORT_A and $PORT_B, round-robin on $PROXY_PORT (work: $WORK)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
start_bot a "$PORT_A"; A_PID=$LAST_PID
start_bot b "$PORT_B"; B_PID=$LAST_PID
wait_ready "http://127.0.0.1:$PORT_A/health/ready" 120
wait_ready "http://127.0.0.1:$PORT_B/health/ready" 120
node bench/load/round-robin.js "$PROXY_PORT" "$PORT_A" "$PORT_B" >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
sleep 0.5
echo "load average before: $(uptime | sed 's/.*load average: //')"

echo "== two: $DURATION s of mixed Direct Line conversations ($WORKERS workers, $MESSAGES questions each, resend $RESEND_JSON) through the round-robin; B restarted at $RESTART_AT s (drain $DRAIN s)"
node bench/load/directline-load.js "{\"base\":\"http://127.0.0.1:$PROXY_PORT\",\"secret\":\"$SECRET\",\"duration\":$DURATION,\"workers\":$WORKERS,\"messages\":$MESSAGES,\"resend\":$RESEND_JSON,\"questions\":$QUESTIONS}" >"$WORK/two.json" &
LOAD_PID=$!
sleep "$RESTART_AT"
STOP_AT=$SECONDS
kill -TERM "$B_PID"; wait "$B_PID" || echo "B exited with $?"
STOPPED=$((SECONDS - STOP_AT))
start_bot b2 "$PORT_B"; B_PID=$LAST_PID
wait_ready "http://127.0.0.1:$PORT_B/health/ready" 120
echo "B stopped in ${STOPPED} s (SIGTERM, drain $DRAIN s), ready again $((SECONDS - STOP_AT)) s after the signal"
grep -A1 'AcuBot.Extensions.ShutdownDrain' "$WORK/b.log" | sed 's/^/  b: /' || true
wait "$LOAD_PID"
echo "load average after: $(uptime | sed 's/.*load average: //')"
cat "$WORK/two.json"
kill -TERM "$PROXY_PID"; wait "$PROXY_PID" || true; PROXY_PID=""
cat "$WORK/proxy.log"

echo "== peak: one instance (A), straight, $HALF_DURATION s closed loop, $WORKERS workers on WebSockets"
node bench/load/directline-load.js "{\"base\":\"http://127.0.0.1:$PORT_A\",\"secret\":\"$SECRET\",\"duration\":$HALF_DURATION,\"workers\":$WORKERS,\"messages\":$MESSAGES,\"webSocketOnly\":true,\"questions\":$QUESTIONS}" >"$WORK/peak.json"
cat "$WORK/peak.json"
PEAK=$(python3 -c "import json;print(json.load(open('$WORK/peak.json'))['repliesPerSecond'])")
HALF=$(python3 -c "print(max(1, round($PEAK / 2)))")
echo "== half: $HALF posts/s paced (half of $PEAK), $WORKERS conversations on WebSockets, $HALF_DURATION s; load average $(uptime | sed 's/.*load average: //')"
node bench/load/directline-load.js "{\"base\":\"http://127.0.0.1:$PORT_A\",\"secret\":\"$SECRET\",\"duration\":$HALF_DURATION,\"workers\":$WORKERS,\"rate\":$HALF,\"questions\":$QUESTIONS}" >"$WORK/half.json"
cat "$WORK/half.json"
echo "load average at the end: $(uptime | sed 's/.*load average: //')"
