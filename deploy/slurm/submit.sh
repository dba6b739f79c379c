#!/usr/bin/env bash
# Usage: submit.sh ROOT OUT SHARDS [extra sbatch options...]
# Submits a job array of SHARDS tasks (medimg-array.sbatch, one shard each) and the merge (medimg-merge.sbatch) as a
# job that depends on the whole array (afterany: it runs even when a task failed, and reports missing shards).
# Prints "<array job id> <merge job id>". MEDIMG, MEDIMG_PARALLEL and MEDIMG_BATCH_ARGS pass through to the tasks.
set -euo pipefail
if [ $# -lt 3 ]; then echo "usage: $0 ROOT OUT SHARDS [sbatch options...]" >&2; exit 2; fi
root=$(realpath "$1"); out=$(realpath -m "$2"); shards=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
export MEDIMG_ROOT="$root" MEDIMG_OUT="$out"
array=$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$out" --export=ALL "$@" "$here/medimg-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterany:$array" --chdir="$out" --export=ALL "$@" "$here/medimg-merge.sbatch")
echo "$array ${merge%%;*}"
