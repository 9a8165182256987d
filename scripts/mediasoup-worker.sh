#!/usr/bin/env bash
# The mediasoup worker (the C++ media engine) for an offline or air-gapped machine.
#
# On a machine with internet, npm's postinstall of mediasoup downloads a prebuilt worker. Where
# only the npm registry and Debian's packages are reachable (these machines, many call centres),
# this script builds it from the npm tarball against Debian bookworm's own libraries and keeps it
# in a cache outside the repository, keyed by version, so it is built once per machine:
#
#   scripts/mediasoup-worker.sh            # prints the binary's path, building it if needed (root)
#   scripts/mediasoup-worker.sh --path     # prints where it is (or would be); builds nothing
#
# The cache is $CENTRALA_CACHE (default ~/.cache/centrala). Centrala finds the binary there at
# start, or wherever MEDIASOUP_WORKER_BIN points; without one it runs with voice switched off.
# Building takes ~4 minutes on 2 cores. The recipe (stand-ins for meson's downloaded subprojects,
# a libsrtp3-API shim over libsrtp2, and three one-line worker fixes) is in build_worker below.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The version package.json pins (exactly), so the cache key follows upgrades.
MS_VERSION=$(node -p "require('$ROOT/package.json').dependencies.mediasoup.replace(/^[^0-9]*/, '')")
CACHE=${CENTRALA_CACHE:-$HOME/.cache/centrala}
# The suffix names our own patches (below): a new patch means a new cache entry, never a stale worker.
# media/worker-binary.ts looks for the same name.
PATCHES=c3
BIN=$CACHE/mediasoup-worker-$MS_VERSION-$PATCHES
if [ "${1:-}" = "--path" ]; then echo "$BIN"; exit 0; fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

build_worker() {
  local OUT=$1
  local APT="apt-get -o DPkg::Lock::Timeout=600 -y -q --no-install-recommends"
  export DEBIAN_FRONTEND=noninteractive
  # Meson ≥ 1.1 comes from bookworm-backports, on the mirror the machine already uses.
  local MIRROR
  MIRROR=$(sed -n 's|^URIs: *\(\S*/debian\)$|\1|p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  [ -n "$MIRROR" ] || MIRROR=$(sed -n 's|^deb \(\S*/debian\) bookworm main.*|\1|p' /etc/apt/sources.list 2>/dev/null | head -1)
  [ -n "$MIRROR" ] || { echo "no Debian mirror found in the apt sources" >&2; return 1; }
  echo "deb $MIRROR bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list
  apt-get -o DPkg::Lock::Timeout=600 -q update >&2
  $APT install g++ pkg-config ninja-build libuv1-dev libssl-dev libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler >&2
  $APT install -t bookworm-backports meson >&2
  local WORK
  WORK=$(mktemp -d)
  (cd "$WORK" && npm pack --silent "mediasoup@$MS_VERSION" >/dev/null && tar xzf "mediasoup-$MS_VERSION.tgz")
  local S=$WORK/package/worker/subprojects
  # shim WRAPNAME "OPTION..." "MESON BODY": a stand-in subproject in the directory the wrap names.
  shim() {
    local d
    d=$S/$(sed -n 's/^directory *= *//p' "$S/$1.wrap")
    mkdir -p "$d/include"
    : > "$d/shim.c"
    printf "project('%s', 'c')\n%s\n" "$1" "$3" > "$d/meson.build"
    for o in $2; do echo "option('$o', type: 'string', value: '')"; done > "$d/meson_options.txt"
    echo "$d"
  }
  shim libuv "build_tests build_benchmarks" "libuv_dep = dependency('libuv')
libuv = static_library('uv_shim', 'shim.c')" >/dev/null
  shim openssl "" "openssl_dep = dependency('openssl')
libcrypto_lib = static_library('crypto_shim', 'shim.c')
libssl_lib = static_library('ssl_shim', 'shim.c')" >/dev/null
  shim flatbuffers "" "flatbuffers_dep = dependency('flatbuffers')
flatbuffers_lib = static_library('fb_shim', 'shim.c')" >/dev/null
  shim abseil-cpp "" "absl_container_dep = declare_dependency(dependencies: [dependency('absl_strings'),
  dependency('absl_optional'), dependency('absl_memory'), dependency('absl_flat_hash_map')])
absl_strings_dep = absl_container_dep
absl_types_dep = absl_container_dep
absl_container_lib = static_library('absl_shim', 'shim.c')" >/dev/null
  local D
  D=$(shim unordered-dense "" "ankerl_unordered_dense_dep = declare_dependency(include_directories: 'include')")
  mkdir -p "$D/include/ankerl"
  cat > "$D/include/ankerl/unordered_dense.h" <<'HDR'
#pragma once
#include <cstdint>
#include <functional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
namespace ankerl::unordered_dense {
template<class T, class = void> struct hash {
  std::size_t operator()(const T& v) const {
    std::uint64_t x = std::hash<T>{}(v);
    if constexpr (std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T>) { // splitmix64
      x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL; x ^= x >> 27; x *= 0x94d049bb133111ebULL; x ^= x >> 31; }
    return static_cast<std::size_t>(x); } };
template<class K, class V, class H = hash<K>, class E = std::equal_to<K>> using map = std::unordered_map<K, V, H, E>;
template<class K, class H = hash<K>, class E = std::equal_to<K>> using set = std::unordered_set<K, H, E>;
}
HDR
  D=$(shim libsrtp3 "crypto-library crypto-library-kdf tests" "libsrtp3_dep = declare_dependency(dependencies: dependency('libsrtp2'), include_directories: 'include')
libsrtp3 = static_library('srtp_shim', 'shim.c')")
  cat > "$D/include/srtp.h" <<'HDR'
// The libsrtp 3 API that mediasoup's worker uses, implemented on top of libsrtp2.
#pragma once
#define srtp_policy_t ms_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t
#include <cstdlib>
#include <cstring>
typedef ms_srtp2_policy_t* srtp_policy_t;
#define srtp_err_status_buffer_small static_cast<srtp_err_status_t>(28)
#define srtp_err_status_cryptex_err static_cast<srtp_err_status_t>(29)
#define MS_OK return srtp_err_status_ok
inline srtp_err_status_t srtp_policy_create(srtp_policy_t* p) {
  *p = static_cast<srtp_policy_t>(std::calloc(1, sizeof(**p))); return *p ? srtp_err_status_ok : srtp_err_status_alloc_fail; }
inline void srtp_policy_destroy(srtp_policy_t p) { if (p) { std::free(p->key); std::free(p); } }
inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t p, srtp_ssrc_t s) { p->ssrc = s; MS_OK; }
inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t p, bool a) { p->allow_repeat_tx = a; MS_OK; }
inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t p, size_t w) { p->window_size = w; MS_OK; }
inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t p, srtp_profile_t prof) {
  srtp_err_status_t e = srtp_crypto_policy_set_from_profile_for_rtp(&p->rtp, prof);
  return e ? e : srtp_crypto_policy_set_from_profile_for_rtcp(&p->rtcp, prof); }
inline srtp_err_status_t srtp_policy_add_key(srtp_policy_t p, const uint8_t* key, size_t keyLen,
    const uint8_t* salt, size_t saltLen, const uint8_t*, size_t mkiLen) { // libsrtp2 wants key||salt
  if (mkiLen || p->key) return srtp_err_status_bad_param;
  if (!(p->key = static_cast<unsigned char*>(std::malloc(keyLen + saltLen)))) return srtp_err_status_alloc_fail;
  std::memcpy(p->key, key, keyLen); std::memcpy(p->key + keyLen, salt, saltLen); MS_OK; }
inline srtp_err_status_t srtp_stream_remove(srtp_t s, uint32_t ssrc) { return srtp_remove_stream(s, ssrc); }
inline srtp_err_status_t ms_srtp2_apply(srtp_err_status_t (*fn)(srtp_t, void*, int*), srtp_t c,
    const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t need) { // v3: separate in/out buffers
  if (*outLen < need) return srtp_err_status_buffer_small;
  if (out != in) std::memmove(out, in, inLen);
  int len = static_cast<int>(inLen); srtp_err_status_t e = fn(c, out, &len);
  if (!e) *outLen = static_cast<size_t>(len);
  return e; }
inline srtp_err_status_t srtp_protect(srtp_t c, const uint8_t* i, size_t il, uint8_t* o, size_t* ol, size_t mki) {
  return mki ? srtp_err_status_bad_param : ms_srtp2_apply(srtp_protect, c, i, il, o, ol, il + SRTP_MAX_TRAILER_LEN); }
inline srtp_err_status_t srtp_protect_rtcp(srtp_t c, const uint8_t* i, size_t il, uint8_t* o, size_t* ol, size_t mki) {
  return mki ? srtp_err_status_bad_param : ms_srtp2_apply(srtp_protect_rtcp, c, i, il, o, ol, il + SRTP_MAX_TRAILER_LEN + 4); }
inline srtp_err_status_t srtp_unprotect(srtp_t c, const uint8_t* i, size_t il, uint8_t* o, size_t* ol) {
  return ms_srtp2_apply(srtp_unprotect, c, i, il, o, ol, il); }
inline srtp_err_status_t srtp_unprotect_rtcp(srtp_t c, const uint8_t* i, size_t il, uint8_t* o, size_t* ol) {
  return ms_srtp2_apply(srtp_unprotect_rtcp, c, i, il, o, ol, il); }
#undef MS_OK
HDR
  cd "$WORK/package/worker"
  # mediasoup's DTLS BIO callback answers 1 to every post-ctrl call; Debian's OpenSSL is built with
  # KTLS, so libssl then believes BIO_get_ktls_send() and never allocates its DTLS write buffer
  # (SIGSEGV in SSL_read at the first handshake). Return the real result for all post-callbacks:
  sed -i 's/(operationType == BIO_CB_RETURN)/(operationType \& BIO_CB_RETURN)/' src/RTC/DtlsTransport.cpp
  grep -q 'operationType & BIO_CB_RETURN' src/RTC/DtlsTransport.cpp
  # Sign ICE 487 Role Conflict answers with MESSAGE-INTEGRITY (RFC 8445 7.3.1.1), so a full-ICE peer
  # that starts as controlled (libnice in Janus, as SDP answerer) switches role and retries.
  python3 - <<'PY'
p = 'src/RTC/ICE/IceServer.cpp'; s = open(p).read()
i = s.index('"invalid ICE-CONTROLLED attribute in STUN Binding request");')
j = s.index('response->Protect();', i)
s = s[:j] + 'response->Protect(this->oldPassword.empty() ? this->password : this->oldPassword);' + s[j + len('response->Protect();'):]
open(p, 'w').write(s)
PY
  grep -q 'Protect(this->oldPassword.empty()' src/RTC/ICE/IceServer.cpp
  # Forward RFC 4733 telephone-events to consumers that negotiated them (the keys a phone caller
  # presses arrive that way from SIP trunks); stock mediasoup forwards media codecs only.
  sed -i 's/if (codec.mimeType.IsMediaCodec())$/if (codec.mimeType.IsMediaCodec() || codec.mimeType.subtype == RTC::RtpCodecMimeType::Subtype::TELEPHONE_EVENT)/' src/RTC/Consumer.cpp
  grep -q 'Subtype::TELEPHONE_EVENT)' src/RTC/Consumer.cpp
  meson setup build --wrap-mode=nodownload --buildtype release -Db_ndebug=true >&2
  ninja -C build -j"$(nproc)" mediasoup-worker >&2
  install -D -m 755 build/mediasoup-worker "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
  rm -rf "$WORK"
}

if [ "$(id -u)" != 0 ]; then echo "building the mediasoup worker needs root (apt-get); run: sudo $0" >&2; exit 1; fi
mkdir -p "$CACHE"
echo "building mediasoup-worker $MS_VERSION into $BIN (about 4 minutes)" >&2
build_worker "$BIN"
echo "$BIN"
