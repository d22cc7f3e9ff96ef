#!/bin/bash
# Ready when the PLAINTEXT listener accepts a connection.
port=$(sed -n 's/^listeners=.*PLAINTEXT:\/\/[^:,]*:\([0-9]*\).*/\1/p' /var/lib/kafka/server.properties)
exec 3<>"/dev/tcp/127.0.0.1/${port:-9092}"
