#!/bin/bash
# Ready when the client listener accepts a connection and, with users and ACLs (BROKER_ADMIN_PASSWORD), once
# run has applied the ACLs: before that, every service would be refused.
state=${KAFKA_STATE_DIR:-/var/lib/kafka}
[[ ! -e $state/acls.pending ]] || exit 1
port=$(sed -n 's/^listeners=.*PLAINTEXT:\/\/[^:,]*:\([0-9]*\).*/\1/p' "$state/server.properties" 2>/dev/null)
[[ -n $port ]] || exit 1 # run has not written its configuration yet: another Kafka's port would answer for it
exec 3<>"/dev/tcp/127.0.0.1/$port"
