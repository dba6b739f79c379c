#!/usr/bin/env bash
# Usage: test-local-cluster.sh MEDIMG_COMMAND [RESULT_FILE]
#   e.g. deploy/slurm/test-local-cluster.sh "dotnet src/MedImaging.Cli/bin/Release/net10.0/medimg.dll"
# Starts a single-node Slurm cluster on this machine (munged, slurmctld, slurmd with a minimal slurm.conf in a
# scratch folder, no cgroups), runs a sharded medimg batch over 9 generated cases (8 demo-phantom CTs, one broken)
# through submit.sh (job array of 3 shards + dependent merge), runs the same batch unsharded in one process,
# compares the two summaries (cases, statuses, errors, every report's numbers; timings aside) and stops the cluster.
# Needs root; installs slurm-wlm and munge with apt-get when missing. Prints "PASS ..." or "FAIL: ..." as its last
# line (also written to RESULT_FILE); exit 0 pass, 1 fail, 77 when it cannot run here (not root, no packages).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
medimg=${1:?usage: $0 MEDIMG_COMMAND [RESULT_FILE]}
result_file=${2:-/dev/null}
finish() { echo "$2" | tee "$result_file"; exit "$1"; }
[ "$(id -u)" = 0 ] || finish 77 "SKIP: needs root to start munged, slurmctld and slurmd"
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  timeout 120 apt-get update -qq >/dev/null 2>&1
  timeout 420 apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1
  command -v slurmctld >/dev/null && command -v munged >/dev/null || finish 77 "SKIP: slurm-wlm and munge could not be installed"
fi

work=$(mktemp -d /tmp/medimg-slurm.XXXXXX)
chmod 755 "$work"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; kill -9 "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap stop EXIT

# --- munge: its own key, socket and files under $work ---
mkdir -p "$work/munge" && chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none && chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
munged --force --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" || finish 1 "FAIL: munged did not start"
pids+=("$(cat "$work/munge/munged.pid")")

# --- slurm.conf: one node "localhost" with 2 CPUs, memory from free, free ports ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mem=$(free -m | awk '/^Mem:/ { print int($2 * 0.8) }')
mkdir -p "$work/state" "$work/spool" "$work/out"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=medimgtest
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$dport
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
NodeName=localhost NodeHostname=localhost CPUs=2 RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -c -f "$SLURM_CONF" || finish 1 "FAIL: slurmctld did not start ($(tail -3 "$work/slurmctld.log" 2>/dev/null))"
for _ in $(seq 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF" -N localhost || finish 1 "FAIL: slurmd did not start ($(tail -3 "$work/slurmd.log" 2>/dev/null))"
for _ in $(seq 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmd.pid")")
up=""
for _ in $(seq 60); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -1)
  case "$state" in idle*|mix*|alloc*) up=1; break ;; esac
  sleep 1
done
[ -n "$up" ] || finish 1 "FAIL: the node did not come up (sinfo: '$state'; $(tail -3 "$work/slurmd.log"))"

# --- the cases: 8 copies of the demo phantom's DICOM series and NIfTI, one broken series ---
$medimg demo "$work/demo" --quiet >/dev/null || finish 1 "FAIL: medimg demo failed"
mkdir -p "$work/root"
for i in 1 2 3 4 5 6; do cp -r "$work/demo/input/dicom" "$work/root/patient0$i"; done
cp "$work/demo/image.nii.gz" "$work/root/patient07.nii.gz"
cp "$work/demo/image.nii.gz" "$work/root/patient08.nii.gz"
mkdir "$work/root/patient09_broken" && head -c 4000 /dev/urandom > "$work/root/patient09_broken/slice001.dcm"

# --- the sharded run on the cluster ---
shards=3
start=$(date +%s.%N)
read -r array merge < <(MEDIMG="$medimg" "$here/submit.sh" "$work/root" "$work/out" "$shards" --cpus-per-task=1 --mem=1G) \
  || finish 1 "FAIL: sbatch refused the jobs"
merge_state=""
for _ in $(seq 600); do
  merge_state=$(scontrol show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  case "$merge_state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
  sleep 1
done
wall=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
tasks=$(ls "$work/out"/batch-*-of-$shards.json 2>/dev/null | wc -l)
[ "$merge_state" = COMPLETED ] || finish 1 "FAIL: merge job $merge ended '$merge_state' ($tasks shard summaries; $(cat "$work/out"/medimg-merge-*.log 2>/dev/null | tail -2))"

# --- the same batch in one process, and the comparison ---
start1=$(date +%s.%N)
$medimg batch "$work/root" "$work/single" --quiet >/dev/null || finish 1 "FAIL: the unsharded batch failed"
wall1=$(python3 -c "import time; print(f'{time.time() - $start1:.1f}')")
compare=$(python3 "$here/compare_batches.py" "$work/out" "$work/single" 2>&1) || finish 1 "FAIL: merged != unsharded: $compare"
finish 0 "PASS: $compare; $shards shards on Slurm (array $array, merge $merge) ${wall} s wall incl. scheduling, one process ${wall1} s"
