#!/usr/bin/env bash
# Makes sure a Docker engine and docker-compose are here: installs them from Debian's packages when missing
# (as root on Debian/Ubuntu), and starts dockerd in the background when none answers. Safe to run again.
#
# The engine is started without its default bridge and without firewall rules of its own (--bridge=none
# --iptables=false): nothing here runs on a network Docker would make by default, and no rule of Docker's opens a way
# out. Compose makes its project's bridge network; .ci/compose-smoke.sh fences that bridge itself (iptables), so that
# all traffic stays on this machine. An engine that is already running is used as it is.
set -euo pipefail

LOG_DIR="${DOCKER_LOG_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/docker}"
say() { printf 'engine: %s\n' "$*"; }
fail() { printf 'engine: %s\n' "$*" >&2; exit 1; }
mkdir -p "$LOG_DIR"

missing=()
[[ -x /usr/sbin/dockerd ]] || missing+=(docker.io containerd runc iptables)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || [[ -x /usr/sbin/debootstrap ]] || missing+=(debootstrap)
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || fail "missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})"
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || true
  # Package scripts must not start daemons: we start dockerd ourselves, below.
  created_policy=""
  [[ -e /usr/sbin/policy-rc.d ]] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created_policy=1; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 || fail "apt-get install failed; see $LOG_DIR/apt.log"
  [[ -z "$created_policy" ]] || rm -f /usr/sbin/policy-rc.d
fi

if docker info >/dev/null 2>&1; then say "docker engine is running"; exit 0; fi
[[ $(id -u) == 0 ]] || fail "no docker engine answers and we are not root to start one"
say "starting dockerd (log: $LOG_DIR/dockerd.log)"
nohup /usr/sbin/dockerd --bridge=none --iptables=false >"$LOG_DIR/dockerd.log" 2>&1 &
for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && { say "docker engine is running"; exit 0; }; sleep 0.5; done
fail "dockerd did not answer within 30 s; see $LOG_DIR/dockerd.log"
