#!/bin/sh
# Runs a command with the stack's secrets in its environment (every image's entrypoint and health check):
# docker compose's one-shot `secrets` service writes each container's share into the volume this container mounts
# at /run/secrets/nest (scripts/docker/secrets/Secrets.java), as NAME='value' lines. Without that file (k8s, where
# Secrets arrive as environment variables, or a plain docker run) the command runs as it is.
file="${SECRETS_FILE:-/run/secrets/nest/env}"
if [ -e "$file" ]; then
  [ -r "$file" ] || { echo "with-secrets: $file is not readable by uid $(id -u)" >&2; exit 1; }
  set -a
  . "$file"
  set +a
fi
exec "$@"
