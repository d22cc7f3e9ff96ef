#!/bin/bash
# A service is healthy when its management interface (QUARKUS_MANAGEMENT_PORT) answers /q/health/ready with 200.
# Plain bash (/dev/tcp) rather than curl: the JRE base image need not have curl.
port=${QUARKUS_MANAGEMENT_PORT:?QUARKUS_MANAGEMENT_PORT is not set}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 2 status <&3 || exit 1
[[ $status == *" 200 "* ]]
