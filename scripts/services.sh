# Sourced by ./dev and .ci scripts: the services of services.txt (the one list) as bash arrays.
#   SERVICES          names, in start order (the gateway last)
#   SERVICE_PORT      name -> public (HTTP) port
#   MANAGEMENT_PORT   name -> management port (health, metrics, the gateway's OpenAPI)
#   EXTRA_PORTS       name -> its other listening ports, space-separated (math's TCP 3001, gRPC 5000), or empty
SERVICES=()
declare -A SERVICE_PORT=() MANAGEMENT_PORT=() EXTRA_PORTS=()
while read -r svc http management extra _; do
  [[ -z "$svc" || "$svc" == \#* ]] && continue
  SERVICES+=("$svc"); SERVICE_PORT[$svc]=$http; MANAGEMENT_PORT[$svc]=$management
  EXTRA_PORTS[$svc]=""
  [[ "${extra:--}" == - ]] || EXTRA_PORTS[$svc]=$(tr ',' '\n' <<<"$extra" | sed 's/.*://' | paste -sd' ')
done <"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/services.txt"
