#!/usr/bin/env bash
# Installs what the scaling tests drive (docs/SCALING.md): chromium (the batch review page in a real browser),
# slurm-wlm + munge (the single-node Slurm cluster test) and kubernetes-client (kubectl parses the manifests).
# Quiet, bounded by a timeout, and never fatal: when a package cannot be installed its tests skip saying why.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v slurmctld >/dev/null 2>&1 || missing+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || missing+=(munge)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "scaling tools missing (${missing[*]}) and apt-get as root unavailable; their tests skip"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
timeout 120 apt-get update -qq >/dev/null 2>&1
timeout 420 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "could not install ${missing[*]}; their tests skip"
exit 0
