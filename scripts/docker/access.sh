#!/bin/sh
# The brokers' side of scripts/access, for their run scripts (copied into each broker image as /usr/local/bin/access):
#   access on                 true when credentials are on (BROKER_ADMIN_PASSWORD is set)
#   access password USER      that user's password: <USER>_BROKER_PASSWORD (ORDER_SERVICE_BROKER_PASSWORD), or
#                             BROKER_ADMIN_PASSWORD for admin
#   access render FILE        FILE with each ${NAME} replaced by that variable (./dev secrets makes the passwords of
#                             letters and digits, so nothing in them means anything to sed)
set -eu
password() {
  if [ "$1" = admin ]; then var=BROKER_ADMIN_PASSWORD; else var="$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')_BROKER_PASSWORD"; fi
  eval "value=\${$var:-}"
  [ -n "$value" ] || { echo "access: $var is not set (./dev secrets makes it)" >&2; exit 1; }
  printf '%s' "$value"
}
case "${1:-}" in
  on) [ -n "${BROKER_ADMIN_PASSWORD:-}" ] ;;
  password) password "$2" ;;
  render)
    script=""
    for name in $(grep -o '\${[A-Z_]*}' "$2" | sort -u | tr -d '${}'); do
      eval "value=\${$name:-}"
      [ -n "$value" ] || { echo "access: $name is not set (./dev secrets makes it)" >&2; exit 1; }
      script="$script s|\${$name}|$value|g;"
    done
    sed -e "$script" "$2" ;;
  *) echo "usage: access on | password USER | render FILE" >&2; exit 2 ;;
esac
