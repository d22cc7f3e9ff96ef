#!/usr/bin/env bash
# For a machine with no image registry (CI here): builds local stand-ins under the names of the public images this
# project's Dockerfiles start FROM (maven, eclipse-temurin, redis, nats, eclipse-mosquitto, rabbitmq, apache/kafka),
# so that `docker compose up --build` finds them and pulls nothing. Each stand-in is Debian's package (or, for
# Kafka, the same Maven Central jars as ./dev) on the local base image (base-image.sh), under the official image's
# name, user ids and paths (scripts/docker/stand-ins/<name>.Dockerfile). They prove the wiring and our images, not
# the upstream images themselves. A machine with a registry needs none of this.
#
#   scripts/docker/stand-ins.sh               builds each stand-in unless an image of that name exists
#   scripts/docker/stand-ins.sh --force       rebuilds them
#   scripts/docker/stand-ins.sh --no-maven    all but the maven one (which copies ~/.m2: build it once that is full)
#
# Needs what base-image.sh needs (root, debootstrap, a JDK 25 with jlink), Debian's package mirror, and for the maven
# stand-in the JDK, the Maven (the wrapper's) and the Maven repository of this machine: run ./mvnw package once first.
set -euo pipefail
say() { printf 'stand-ins: %s\n' "$*"; }
fail() { printf 'stand-ins: %s\n' "$*" >&2; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/docker/stand-ins"
WORK="$ROOT/build/docker/stand-ins"
FORCE="" NO_MAVEN=""
for arg in "$@"; do
  case $arg in --force) FORCE=1 ;; --no-maven) NO_MAVEN=1 ;; *) fail "unknown argument $arg" ;; esac
done

BASE_IMAGE=local/debian-jre:bookworm "$ROOT/scripts/docker/base-image.sh" ${FORCE:+--force}

# The public images, read from the FROM lines of the project's Dockerfiles (so the tags cannot drift from them).
images=$(sed -n 's/^FROM \([^ ]*\).*/\1/p' "$ROOT/Dockerfile" "$ROOT"/scripts/docker/*/Dockerfile | sort -u)
mkdir -p "$WORK"
for image in $images; do
  name=${image%%:*}; name=${name##*/}
  dockerfile="$HERE/$name.Dockerfile"
  [[ -f $dockerfile ]] || fail "$image: no stand-in ($dockerfile)"
  [[ -z $NO_MAVEN || $name != maven ]] || continue
  if [[ -z $FORCE ]] && docker image inspect "$image" >/dev/null 2>&1; then say "$image exists"; continue; fi
  context="$ROOT/scripts"
  if [[ $name == maven ]]; then
    # The JDK that builds here, the wrapper's Maven, and the local repository, set offline (the build has no network).
    context="$WORK/maven"
    jdk=$("$ROOT/dev" java)
    maven=$(dirname "$(dirname "$(find "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists" -path '*/bin/mvn' -type f | sort | tail -1)")")
    [[ -x $jdk/bin/javac && -x $maven/bin/mvn && -d $HOME/.m2/repository ]] || fail "maven: needs a JDK, ./mvnw's Maven and ~/.m2/repository (run ./mvnw package once)"
    rm -rf "$context"; mkdir -p "$context/m2"
    cp -a "$jdk" "$context/jdk"; cp -a "$maven" "$context/maven"
    cp -a "$HOME/.m2/repository" "$context/m2/repository"
    rm -rf "$context/m2/repository/org/acme" # this project's own artifacts: the image builds them
    printf '<settings><offline>true</offline></settings>\n' >"$context/m2/settings.xml"
  fi
  say "building $image from ${dockerfile#"$ROOT"/}"
  docker build --network host -t "$image" -f "$dockerfile" "$context" >"$WORK/$name.log" 2>&1 ||
    { tail -20 "$WORK/$name.log" >&2; fail "$image: build failed; see $WORK/$name.log"; }
  [[ $name != maven ]] || rm -rf "$context"
done
say "every image the Dockerfiles start FROM is here${NO_MAVEN:+ (but maven)}"
