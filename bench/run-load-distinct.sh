#!/usr/bin/env bash
# Distinct questions under load (docs/benchmarks.md): `bash bench/run-load-distinct.sh`.
#
# Every message costs a call of the sentence model unless it repeats one the bot has just seen, so the
# figure that matters for patients is answers/s when no two questions are the same. This starts the
# real bot (Release build, seed knowledge, default settings but the per-client rate limits), and in each
# of ROUNDS rounds POSTs COUNT distinct questions (bench/load/distinct_questions.py, from every
# tests/eval set, a new slice each round) as expectReplies activities with wrk for DURATION seconds;
# it prints answers/s, latency and the bot's peak resident memory (VmHWM), and the medians.
#
# Settings (environment): ROUNDS (3), DURATION (10 s), CONNECTIONS (32), COUNT (12000), BOT_PORT (5393),
# BOT_ARGS (extra settings for the bot).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-32}; COUNT=${COUNT:-12000}
BOT_PORT=${BOT_PORT:-5393}; BOT_ARGS=${BOT_ARGS:-}
BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
WORK=$BENCH_TMP/distinct-$(date +%Y%m%d-%H%M%S)
mkdir -p "$WORK"
LUA=$ROOT/bench/load/activities.lua

if ! command -v wrk >/dev/null; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
dotnet build src/AcuBot -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
BOT_DLL=$ARTIFACTS/bin/AcuBot/release/AcuBot.dll
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$BOT_PORT/"; then echo "port $BOT_PORT is in use" >&2; exit 1; fi

BOT_PID=""
trap '[ -n "$BOT_PID" ] && kill "$BOT_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
# shellcheck disable=SC2086
(cd "$ROOT" && exec dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT" --Unanswered:DatabasePath="$WORK/unanswered.db" \
  --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 $BOT_ARGS >"$WORK/bot.log" 2>&1) &
BOT_PID=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$BOT_PORT/healthz" && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$BOT_PORT/healthz" >/dev/null || { echo "the bot did not start (see $WORK/bot.log)" >&2; exit 1; }

mapfile -t SETS < <(ls "$ROOT"/tests/eval/*.jsonl)
python3 bench/load/distinct_questions.py "$COUNT" 0 "${SETS[@]}" >"$WORK/warmup.jsonl"
echo "== warm-up (not counted): $(wc -l <"$WORK/warmup.jsonl") distinct questions"
wrk -t1 -c"$CONNECTIONS" -d5s -s "$LUA" "http://127.0.0.1:$BOT_PORT/api/messages" -- post "$WORK/warmup.jsonl" 1 >/dev/null

for round in $(seq 1 "$ROUNDS"); do
  python3 bench/load/distinct_questions.py "$COUNT" "$round" "${SETS[@]}" >"$WORK/round-$round.jsonl"
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "http://127.0.0.1:$BOT_PORT/api/messages" -- post "$WORK/round-$round.jsonl" 1 \
    | tail -n 1 >"$WORK/round-$round.out"
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$BOT_PID/status")
  python3 - "$round" "$(cat "$WORK/round-$round.out")" "$hwm" "$COUNT" >>"$WORK/results.jsonl" <<'PY'
import json, sys
rnd, out, hwm, count = sys.argv[1:]
r = json.loads(out); r.update(round=int(rnd), vmhwm_mb=round(int(hwm) / 1024), distinct=int(count))
if r["requests"] > int(count): r["note"] = "more requests than distinct questions: some repeated"
print(json.dumps(r))
PY
  tail -n 1 "$WORK/results.jsonl"
done
python3 - "$WORK/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = lambda k: statistics.median(r[k] for r in rows)
print(f"== medians of {len(rows)} rounds: {med('rps'):.0f} answers/s, p50 {med('p50_ms'):.1f} ms, p99 {med('p99_ms'):.1f} ms, "
      f"VmHWM {max(r['vmhwm_mb'] for r in rows)} MB, errors {sum(r['errors_status'] + r['errors_timeout'] for r in rows)}")
PY
echo "(files in $WORK)"
