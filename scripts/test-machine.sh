#!/usr/bin/env bash
# What the tests need on this machine, installed or started when missing (Debian bookworm or a
# relative; root or sudo): Debian's Chromium, Dovecot, ffmpeg, espeak-ng, Janus, SIPp, iproute2,
# spandsp, libtiff and Ghostscript for fax; a PostgreSQL and a Redis server on 127.0.0.1; the
# mediasoup worker and the fax modem helper (built once, cached).
# Part of `npm test` (scripts/test.sh); safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "The tests need system packages that are missing here; run npm test as root or with sudo (it runs: $*)." >&2; exit 1; fi; }
updated=""
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  [ -n "$updated" ] || { as_root apt-get -o DPkg::Lock::Timeout=600 update -q; updated=1; }
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@"
}

echo "== system packages"
missing=()
# Debian's Chromium for the browser tests (Playwright never downloads a browser here), and fonts
# that cover Polish and Russian for readable screenshots.
command -v chromium >/dev/null || missing+=(chromium fonts-dejavu-core)
# Dovecot: the e-mail tests start private IMAP servers of their own (tests/support/dovecot.ts).
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
# ffmpeg mixes call recordings and converts uploaded sounds; espeak-ng speaks IVR prompts.
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
# Janus (the gateway to SIP trunks), SIPp playing the telephone network in the phone tests, and
# iproute2 for the private network namespace those tests run in.
command -v janus >/dev/null || missing+=(janus)
command -v sipp >/dev/null || missing+=(sip-tester)
command -v ip >/dev/null || missing+=(iproute2)
command -v pg_isready >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v tar >/dev/null || missing+=(tar)
# Fax: spandsp and libtiff to build the fax modem helper, Ghostscript turns PDFs into fax pages and
# libtiff-tools turns received pages into a PDF (tiff2pdf).
dpkg -s libspandsp-dev >/dev/null 2>&1 || missing+=(libspandsp-dev)
dpkg -s libtiff-dev >/dev/null 2>&1 || missing+=(libtiff-dev)
command -v tiff2pdf >/dev/null || missing+=(libtiff-tools)
command -v gs >/dev/null || missing+=(ghostscript)
command -v cc >/dev/null || missing+=(gcc libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
  # Dovecot's and PostgreSQL's own services may fail to start in a container; the tests start what they need.
  apt_install "${missing[@]}" || [ -x /usr/sbin/dovecot ]
fi
chromium --version
/usr/sbin/dovecot --version
ffmpeg -version | head -1
espeak-ng --version
janus --version 2>/dev/null | head -1 || true
sipp -v 2>/dev/null | grep -m1 SIPp || true
echo "Ghostscript $(gs --version)"

echo "== services"
# PostgreSQL on 127.0.0.1:5432: the integration and end-to-end tests create (and drop) databases of
# their own on it, as the role postgres (TEST_POSTGRES_URL chooses another server or role).
if [ -z "${TEST_POSTGRES_URL:-}" ] && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then
    echo "no PostgreSQL cluster found in /etc/postgresql" >&2
    exit 1
  fi
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! as_root grep -q "centrala-tests" "$hba"; then
    # A cluster this script found stopped is a test machine's: let the tests' role in from this
    # machine only (loopback and the local socket), as on the machines CI runs on.
    echo "PostgreSQL: trusting local connections for the tests (marked centrala-tests in $hba)"
    tmp=$(mktemp)
    { printf '%s # centrala-tests\n' "local all postgres trust" "host all postgres 127.0.0.1/32 trust" "host all postgres ::1/128 trust"; as_root cat "$hba"; } >"$tmp"
    as_root cp "$tmp" "$hba" && rm -f "$tmp"
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
[ -n "${TEST_POSTGRES_URL:-}" ] || pg_isready -h 127.0.0.1 -p 5432
# Redis on 127.0.0.1:6379: the two-node test passes events between processes through it.
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "starting Redis on 127.0.0.1:6379 (nothing kept on disk)"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/centrala-tests.log
  for _ in $(seq 20); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && break; sleep 0.5; done
fi
(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && echo "Redis is up"

echo "== media engine"
# The mediasoup worker, built offline once per machine and cached outside the repository, keyed by
# version (scripts/mediasoup-worker.sh; about 4 minutes the first time, nothing afterwards).
if [ -z "${MEDIASOUP_WORKER_BIN:-}" ] || [ ! -x "${MEDIASOUP_WORKER_BIN}" ]; then
  as_root env CENTRALA_CACHE="${CENTRALA_CACHE:-$HOME/.cache/centrala}" PATH="$PATH" bash scripts/mediasoup-worker.sh >/dev/null
fi
# The fax modem helper (scripts/fax-modem.sh; a few seconds, cached by its source's hash).
bash scripts/fax-modem.sh >/dev/null
