#!/usr/bin/env bash
# Where the bot's CPU goes under load (docs/benchmarks.md): `bash bench/run-profile.sh`.
# Starts the Release bot on loopback with the load benchmark's settings, loads it with the same wrk script
# as bench/run-load.sh, records SECONDS_RECORDED seconds of it with Linux perf (call stacks, 2 kHz), and
# prints the methods that use most CPU on their own ("self") and with what they call ("inclusive"). JIT-ed
# code gets its names from the runtime's perf map (DOTNET_PerfMapEnabled=1); for that the runtime also runs
# with ReadyToRun code off (everything JIT-ed, so named) and without W^X double mapping (perf cannot name
# code it sees through the second mapping). Both change the bot a little: use the profile for shares, the
# load benchmark for figures. Then `python3 bench/profile/children.py OUT/script.txt 'KnowledgeIndex::Search'`
# splits any method's time among what it calls.
# Settings (environment): SECONDS_RECORDED (8), CONNECTIONS (32), PORT (5491), OUT (a new folder under /tmp/acubot-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_RECORDED=${SECONDS_RECORDED:-8}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5491}
BENCH_TMP=${ACUBOT_BENCH_TMP:-/tmp/acubot-bench}
ARTIFACTS=${ACUBOT_BENCH_ARTIFACTS:-$BENCH_TMP/artifacts}
OUT=${OUT:-$BENCH_TMP/profile-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
command -v perf >/dev/null || { echo "perf is needed: apt-get install -y linux-perf (Debian)" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build bench/AcuBot.Benchmarks -c Release --artifacts-path "$ARTIFACTS" -nologo -v q -clp:ErrorsOnly
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; exit 1; fi

DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 dotnet "$ARTIFACTS/bin/AcuBot/release/AcuBot.dll" \
  --urls "http://127.0.0.1:$PORT" --Unanswered:DatabasePath="$OUT/unanswered.db" \
  --Limits:MessagesPerMinutePerAddress=0 --Limits:MessagesPerMinutePerConversation=0 >"$OUT/bot.log" 2>&1 &
BOT=$!
trap 'kill $BOT 2>/dev/null || true; wait $BOT 2>/dev/null || true' EXIT
deadline=$((SECONDS + 60))
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do (( SECONDS < deadline )) || { echo "the bot did not start" >&2; exit 1; }; sleep 0.05; done

load() { wrk -t1 -c"$CONNECTIONS" -d"$1"s -s bench/load/activities.lua "http://127.0.0.1:$PORT/api/messages" -- post tests/eval/questions.jsonl; }
echo "== warm-up (10 s), then $SECONDS_RECORDED s recorded under load"
load 10 >/dev/null
load $((SECONDS_RECORDED + 4)) >"$OUT/wrk.txt" &
WRK=$!
sleep 2
perf record -F 2000 -g -p "$BOT" -o "$OUT/perf.data" -- sleep "$SECONDS_RECORDED" 2>"$OUT/perf-record.log"
wait $WRK
perf script -i "$OUT/perf.data" -F comm,ip,sym >"$OUT/script.txt" 2>/dev/null

# The reports below cut perf's output short (head), which ends perf with SIGPIPE: not a failure here.
set +o pipefail
shorten() { sed -E 's/\[[^]]*\]//g; s/(class|instance|valuetype) //g' | cut -c1-160; }
echo "== where the time is spent: self (top 30)"
perf report -i "$OUT/perf.data" --no-children -g none --sort symbol --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -30 | shorten
echo "== inclusive, the bot's own code and Lucene (top 30)"
perf report -i "$OUT/perf.data" --children -g none --sort symbol --stdio 2>/dev/null | grep -E '^ +[0-9]' | grep -E 'AcuBot|Lucene' | head -30 | shorten
echo "== by module"
perf report -i "$OUT/perf.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -10
python3 bench/profile/children.py "$OUT/script.txt" 'QuestionAnswerer::Decide'
grep -h '^{' "$OUT/wrk.txt" || true
echo "Recorded: $OUT (perf.data, script.txt)"
