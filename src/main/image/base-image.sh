#!/usr/bin/env bash
# The production image's base, from Debian packages and no container registry: Debian trixie (minbase, the first
# Debian release with a Java 21 runtime) with Debian's OpenJDK 21 runtime and the user leadflow (uid 1000), written
# as a `docker save` tarball, the form Jib takes for a base image (tar://…).
#
#   base-image.sh OUT.tar                 build it with mmdebstrap (root and Debian's package mirror); kept if OUT.tar exists
#   base-image.sh --pack ROOTFS.tar OUT.tar   only wrap a root file system tarball as a one-layer image
set -euo pipefail

suite=trixie
java_package=openjdk-21-jre-headless
# Fixed dates in the tarballs, so one set of packages gives one image.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"

# ROOTFS.tar as the single layer of an image whose configuration names it by its digest (docker save's layout).
pack() {
  local rootfs="$1" out="$2" work layer_digest config_digest
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  install -m 644 "$rootfs" "$work/layer.tar"
  layer_digest="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],"User":"1000:1000","WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_digest"]},"history":[{"created":"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)","created_by":"mmdebstrap --variant=minbase $suite with $java_package"}]}
JSON
  config_digest="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$work/$config_digest.json"
  printf '[{"Config":"%s.json","RepoTags":["leadflow-base:%s"],"Layers":["layer.tar"]}]\n' "$config_digest" "$suite" \
    > "$work/manifest.json"
  tar --create --file "$out.partial" --directory "$work" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" manifest.json "$config_digest.json" layer.tar
  mv "$out.partial" "$out"
}

if [ "${1:-}" = --pack ]; then
  pack "$2" "$3"
  exit 0
fi

out="$1"
if [ -s "$out" ]; then
  echo "Base image $out already built (delete it to rebuild with Debian's latest packages)"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v mmdebstrap >/dev/null; then
  echo "The base image is built by mmdebstrap as root (apt-get install mmdebstrap)." >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
rootfs="$(mktemp --suffix=.tar)"
trap 'rm -f "$rootfs"' EXIT
# No documentation but the packages' copyright files (their licences). No device nodes (the container runtime makes
# /dev): they are taken out of the tarball, never deleted in a hook, where the host's /dev is mounted. The user the
# image runs as, without a shell or a home. The manual's directory stays, empty: the Java runtime's install links
# its manual page there.
mmdebstrap --variant=minbase --include="$java_package" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='echo "leadflow:x:1000:1000:leadflow:/nonexistent:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "leadflow:x:1000:" >> "$1/etc/group"' \
  "$suite" "$rootfs" "deb http://deb.debian.org/debian $suite main" "deb http://deb.debian.org/debian $suite-updates main" \
  "deb http://deb.debian.org/debian-security $suite-security main"
tar --file "$rootfs" --delete --wildcards './dev/?*'
pack "$rootfs" "$out"
