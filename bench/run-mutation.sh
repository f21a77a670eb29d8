#!/usr/bin/env bash
# Mutation testing of the safety-critical code (issue 16, docs/reliability.md "Mutation testing"):
#   bash bench/run-mutation.sh [scope...]       scopes: redflags finisher callers serviceurls auth directline
#                                               ratelimits reader unanswered (default: all of them)
# Runs Stryker.NET (the pinned local tool of .config/dotnet-tools.json) on each scope's files with the
# tests that cover them, one Stryker run per project under test (the scopes of one project share its
# build), within CONCURRENCY test runners (default 1; the machine has 2 cores). Then writes each scope's
# score (killed / (killed + survived + no coverage); a timeout counts as killed) and its surviving
# mutants into docs/reliability.md, between the "mutation-results" markers; a scope not run keeps its
# last figures. Not part of CI: a scope takes minutes. Run it before resolving an issue that touches
# these files. The HTML and JSON reports stay under $ACUBOT_MUTATION_OUT (default /tmp/acubot-mutation).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${ACUBOT_MUTATION_OUT:-/tmp/acubot-mutation}
CONCURRENCY=${CONCURRENCY:-1}
(( CONCURRENCY >= 1 && CONCURRENCY <= 2 )) || { echo "CONCURRENCY must be 1 or 2 (2 cores)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed to write the results" >&2; exit 1; }

# scope | project under test | files to mutate (globs relative to the project)
SCOPES='
redflags   | app      | **/Bot/Safety/**/*.cs
finisher   | app      | **/Bot/ReplyFinisher.cs
callers    | app      | **/Channels/LocalCaller.cs
callers    | app      | **/Channels/TrustedProxies.cs
serviceurls | protocol | **/Connector/ServiceUrlPolicy.cs
auth       | protocol | **/Auth/**/*.cs
directline | app      | **/DirectLine/DirectLineTokens.cs
directline | app      | **/DirectLine/DirectLineAuthorization.cs
ratelimits | app      | **/Channels/ClientRateLimits.cs
reader     | protocol | **/Http/ActivityRequestReader.cs
unanswered | app      | **/Unanswered/PersonalDetails.cs
unanswered | app      | **/Unanswered/PrintableText.cs
unanswered | app      | **/Unanswered/OwnerOnlyFile.cs
'

# The tests each project's mutants are tested with. Each mutant of a static field (the word lists, the
# header names) runs every test of the filter, so the app's filter holds the fast tests that state the
# behaviour of these files (tests/AcuBot.Tests/Safety, PerClientLimitTests and PerClientLimitRefillTests,
# DirectLineTokenRulesTests)
# and leaves out the slower end-to-end classes that cover the same code through a whole bot:
# RedFlagTurnTests and SemanticRedFlagTests (the sentence model), DisclaimerTests, RateLimitTests,
# MessagesEndpointAccessTests, ServiceUrlTrustTests, UnansweredPrivacyTests, DirectLineApiTests.
APP_TESTS='FullyQualifiedName~AcuBot.Tests.Safety.|FullyQualifiedName~AcuBot.Tests.Limits.PerClientLimit|FullyQualifiedName~AcuBot.Tests.DirectLine.DirectLineTokenRulesTests'
PROTOCOL_TESTS='FullyQualifiedName~AcuBot.Protocol.Tests'

declare -A PROJECT_CSPROJ=([app]=AcuBot.csproj [protocol]=AcuBot.Protocol.csproj)
declare -A PROJECT_TESTS=([app]=tests/AcuBot.Tests [protocol]=tests/AcuBot.Protocol.Tests)
declare -A PROJECT_FILTER=([app]="$APP_TESTS" [protocol]="$PROTOCOL_TESTS")

all_scopes=$(echo "$SCOPES" | awk -F'|' 'NF==3 {gsub(/ /,"",$1); print $1}' | awk '!seen[$0]++')
wanted=("$@"); [ ${#wanted[@]} -gt 0 ] || mapfile -t wanted <<<"$all_scopes"
for scope in "${wanted[@]}"; do
  grep -qx "$scope" <<<"$all_scopes" || { echo "unknown scope '$scope' (scopes: $(echo $all_scopes))" >&2; exit 2; }
done

dotnet tool restore >/dev/null
mkdir -p "$OUT"
stamp=$(date -u +%Y%m%d-%H%M%S)
reports=()
for project in app protocol; do
  globs=()
  while IFS='|' read -r scope proj glob; do
    scope=${scope// /}; proj=${proj// /}; glob=$(echo "$glob" | xargs)
    [ -n "$scope" ] && [ "$proj" = "$project" ] || continue
    printf '%s\n' "${wanted[@]}" | grep -qx "$scope" && globs+=(--mutate "$glob")
  done <<<"$SCOPES"
  [ ${#globs[@]} -gt 0 ] || continue
  run=$OUT/$stamp-$project
  echo "== Stryker on ${PROJECT_CSPROJ[$project]} (${#globs[@]} globs), tests: ${PROJECT_TESTS[$project]}, load average $(cut -d' ' -f1 /proc/loadavg)"
  (cd "${PROJECT_TESTS[$project]}" && dotnet stryker --project "${PROJECT_CSPROJ[$project]}" "${globs[@]}" \
     --test-case-filter "${PROJECT_FILTER[$project]}" --concurrency "$CONCURRENCY" \
     --reporter progress --reporter dots --reporter json --reporter html --output "$run" --skip-version-check --break-on-initial-test-failure)
  reports+=("$run/reports/mutation-report.json")
done

python3 bench/mutation-report.py docs/reliability.md "$stamp" "$SCOPES" "${wanted[*]}" "${reports[@]}"
