#!/usr/bin/env bash
# Builds the one base image every image of this project starts FROM, from local material only:
# a Debian bookworm root filesystem made by debootstrap (minbase + ca-certificates, curl) from Debian's
# packages, plus a small JRE that jlink cuts from a local JDK 21+. No image registry is needed.
#
#   scripts/docker/base-image.sh            builds local/debian-jre:bookworm unless it exists
#   scripts/docker/base-image.sh --force    rebuilds it
#
# Needs: root, debootstrap, docker (engine running), a JDK 21+ (JAVA_HOME, else the newest under /usr/lib/jvm).
# Env: BASE_IMAGE (the tag, default local/debian-jre:bookworm), DEBIAN_MIRROR (default: debootstrap's own).
set -euo pipefail

IMAGE="${BASE_IMAGE:-local/debian-jre:bookworm}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${BASE_IMAGE_WORKDIR:-$ROOT/build/docker/base}"
say() { printf 'base-image: %s\n' "$*"; }
fail() { printf 'base-image: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" != --force ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE exists (use --force to rebuild)"; exit 0
fi
[[ $(id -u) == 0 ]] || fail "must run as root (debootstrap needs it)"
command -v debootstrap >/dev/null || fail "debootstrap missing: apt-get install --no-install-recommends debootstrap"

# The JDK whose jlink makes the JRE: JAVA_HOME if it is 21+, else the newest 21+ under /usr/lib/jvm.
jdk=""
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jlink" ]] && (($(major "$JAVA_HOME") >= 21)); then jdk="$JAVA_HOME"; fi
if [[ -z "$jdk" ]]; then
  best=0
  for j in /usr/lib/jvm/*; do
    [[ -x "$j/bin/jlink" ]] || continue
    m=$(major "$j"); if ((m >= 21 && m > best)); then jdk="$j"; best=$m; fi
  done
fi
[[ -n "$jdk" ]] || fail "no JDK 21+ with jlink found (set JAVA_HOME)"

rm -rf "$WORK"; mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
rootfs="$WORK/rootfs"
say "debootstrap bookworm (minbase) into $rootfs"
# shellcheck disable=SC2086 # DEBIAN_MIRROR is optional: without it debootstrap uses its default mirror.
debootstrap --variant=minbase --include=ca-certificates,curl bookworm "$rootfs" ${DEBIAN_MIRROR:-} >"$WORK/../debootstrap.log" 2>&1 ||
  fail "debootstrap failed; see $WORK/../debootstrap.log"

# Like Debian's official images: no services started by package scripts, no docs, a lean apt.
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"; chmod +x "$rootfs/usr/sbin/policy-rc.d"
printf 'path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
  >"$rootfs/etc/dpkg/dpkg.cfg.d/excludes"
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$rootfs/etc/apt/apt.conf.d/90no-recommends"
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/var/cache/apt/*.bin
# Some packages (openjdk, as a build dependency) fail to configure without this man directory.
mkdir -p "$rootfs/usr/share/man/man1"

# Modules for Quarkus apps, Kafka (JMX, SASL classes) and Maven: all java.* plus the jdk.* ones they touch.
modules="$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -E '^java\.' | grep -v '^java\.se$' | paste -sd,)"
modules="$modules,jdk.unsupported,jdk.zipfs,jdk.naming.dns,jdk.crypto.ec,jdk.management,jdk.management.agent,jdk.jfr,jdk.charsets,jdk.localedata,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.httpserver,jdk.jcmd"
modules="$(tr ',' '\n' <<<"$modules" | while read -r m; do "$jdk/bin/java" --list-modules | grep -q "^$m@" && echo "$m"; done | paste -sd,)"
say "jlink a JRE from $jdk"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$rootfs/opt/java" >/dev/null
"$rootfs/opt/java/bin/java" -version 2>&1 | head -1 | sed 's/^/base-image: JRE /'

say "docker import as $IMAGE"
tar -C "$rootfs" -c . | docker import \
  -c 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV JAVA_HOME=/opt/java' -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' \
  -m "debootstrap bookworm minbase + jlink JRE" - "$IMAGE" >/dev/null
say "$IMAGE built ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1e6}'))"
