#!/usr/bin/env bash
# Regenerates src/MedImaging/PublicAPI.Unshipped.txt from the current code: every public symbol of the MedImaging
# library that PublicAPI.Shipped.txt does not list. Run it after a merge or an intended API change, then review the
# diff of PublicAPI.*.txt: it is the change to the package's surface. A symbol missing from the code but listed in
# Shipped.txt is a breaking change and is left for a person to delete there (the build names it, RS0017).
# How: the library is compiled once with an Unshipped file that lists nothing; the analyzer then names every
# unrecorded symbol (RS0016) in exactly the file's format, and those names become the new Unshipped file.
# Usage: tools/update_public_api.sh   (needs only the .NET SDK)
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/MedImaging/MedImaging.csproj
unshipped=src/MedImaging/PublicAPI.Unshipped.txt
[ -f src/MedImaging/PublicAPI.Shipped.txt ] || printf '#nullable enable\n' > src/MedImaging/PublicAPI.Shipped.txt
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
printf '#nullable enable\n' > "$unshipped"
dotnet build "$project" -c Release --no-incremental -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
{
  echo '#nullable enable'
  grep -o "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
    | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API\$//" | LC_ALL=C sort -u
} > "$unshipped.tmp"
mv "$unshipped.tmp" "$unshipped"
if dotnet build "$project" -c Release -nologo -v quiet > "$log" 2>&1; then
  echo "PublicAPI baseline up to date: $(($(wc -l < "$unshipped") - 1)) unshipped symbols"
else
  grep -E 'error' "$log" | sort -u | head -20 >&2
  echo "the library does not build against the new baseline (errors above)" >&2
  exit 1
fi
