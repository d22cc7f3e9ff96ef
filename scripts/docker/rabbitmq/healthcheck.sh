#!/bin/sh
# Ready when the node runs and its AMQP listener accepts connections.
exec rabbitmq-diagnostics -q check_port_connectivity >/dev/null
