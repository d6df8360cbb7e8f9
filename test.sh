#!/usr/bin/env bash
# Runs every test: installs what is missing, builds with warnings as errors, runs xunit,
# and prints one summary line ("xunit: N passed, N failed, N skipped").
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

./scripts/setup.sh || exit 1
dotnet build Orchestrator.sln -c Release --nologo -v quiet || exit 1
# The host for Windows nodes: the Windows code paths compile for win-x64 (issue 16; they cannot run here).
dotnet publish src/Orchestrator/Orchestrator.csproj -c Release -r win-x64 --self-contained false -o artifacts/win-x64 --nologo -v quiet || exit 1

log="$(mktemp)"
# One test assembly at a time (-m:1): side by side on 2 cores, real containers, kubectl and timing-bound
# cases starve each other; in sequence the suite takes a minute or two longer and is steady.
dotnet test Orchestrator.sln -c Release --no-build --nologo -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Total tests: 81" followed by "     Passed: 81", "     Failed: 1", "    Skipped: 2").
read -r passed failed skipped < <(awk '
  /^ +Passed: +[0-9]+ *$/  { p += $2 }
  /^ +Failed: +[0-9]+ *$/  { f += $2 }
  /^ +Skipped: +[0-9]+ *$/ { s += $2 }
  END { printf "%d %d %d\n", p, f, s }' "$log")
# Repeat each failure (name, message, the top of its stack) at the end, where a truncated CI log still shows it.
if [ "${failed}" -gt 0 ]; then
  echo
  echo "failed tests:"
  awk '
    /^  (Passed|Skipped) / { keep = 0 }
    /^  Failed /           { keep = 1; n = 0 }
    /^(Test Run|Total tests:|Results File)/ { keep = 0 }
    keep && n < 25         { print; n++ }' "$log"
fi
rm -f "$log"
echo
echo "xunit: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "${passed}" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
