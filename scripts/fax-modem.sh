#!/usr/bin/env bash
# The fax modem helper (media/fax/fax-modem.c): one fax call's T.30 terminal over G.711 audio,
# built with Debian's spandsp and libtiff and kept in a cache outside the repository, keyed by
# the source's hash, so it is built once per machine and again only when the source changes:
#
#   scripts/fax-modem.sh            # prints the binary's path, building it if needed (root for apt)
#   scripts/fax-modem.sh --path     # prints where it is (or would be); builds nothing
#
# The cache is $CENTRALA_CACHE (default ~/.cache/centrala); media/fax/fax-modem-binary.ts finds
# the binary by the same name, or FAX_MODEM_BIN points at one. Without it fax is off and says why.
# Building needs libspandsp-dev and libtiff-dev (installed here when missing); the documents need
# Ghostscript (PDF → fax pages) and libtiff-tools (tiff2pdf, pages → PDF) at run time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/media/fax/fax-modem.c
CACHE=${CENTRALA_CACHE:-$HOME/.cache/centrala}
KEY=$(sha256sum "$SRC" | cut -c1-12)
BIN=$CACHE/fax-modem-$KEY
if [ "${1:-}" = "--path" ]; then echo "$BIN"; exit 0; fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "building the fax modem needs packages that are missing; run as root or with sudo (it runs: $*)" >&2; exit 1; fi; }
need=()
dpkg -s libspandsp-dev >/dev/null 2>&1 || need+=(libspandsp-dev)
dpkg -s libtiff-dev >/dev/null 2>&1 || need+=(libtiff-dev)
command -v cc >/dev/null || need+=(gcc libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}" >&2
fi
mkdir -p "$CACHE"
tmp=$(mktemp "$CACHE/fax-modem.XXXXXX")
cc -O2 -Wall -Wextra -Werror -o "$tmp" "$SRC" -lspandsp -ltiff -lm >&2
mv "$tmp" "$BIN"
echo "$BIN"
