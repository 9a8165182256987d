#!/usr/bin/env bash
# Runs a command inside a private network namespace made for the phone tests, and only there:
# Janus 1.1.2 gathers no ICE candidates on a loopback interface, so the namespace gets a veth
# pair carrying 127.0.0.2 (jv0) for Janus's ICE, next to its own loopback. Nothing outside the
# namespace changes; it disappears when the command ends. PostgreSQL is reached over its Unix
# socket (the namespace has no route to the host's 127.0.0.1). Needs root (unshare).
set -euo pipefail
if [ -z "${CENTRALA_PHONE_NETNS:-}" ]; then
  if [ "$(id -u)" != 0 ]; then echo "the phone tests need root to make a network namespace (unshare -n); run them as root or with sudo" >&2; exit 1; fi
  exec unshare -n env CENTRALA_PHONE_NETNS=1 bash "$0" "$@"
fi
ip link set lo up
# A second SIP address on loopback, for a second media node's Janus (the cluster test).
ip addr add 127.0.0.3/32 dev lo
ip link add jv0 type veth peer name jv1
ip addr add 127.0.0.2/32 dev jv0
ip link set jv0 up
ip link set jv1 up
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL_SOCKET:-postgres://postgres@localhost/postgres?host=/var/run/postgresql}"
exec "$@"
