#!/bin/sh
# Ready when the node runs, its users are in place (credentials on) and its AMQP listener accepts connections.
if access on && [ ! -f /tmp/access-applied ]; then exit 1; fi
exec rabbitmq-diagnostics -q check_port_connectivity >/dev/null
