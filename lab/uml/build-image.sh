#!/bin/sh
# Builds the SanChaos user-mode Linux guest image: a Debian rootfs packed as one ext4 file.
#
# Run by SanChaos.Labs.Uml.ImageBuilder (it hashes every file of lab/uml/ to name the cache entry), or by
# hand for debugging:
#   sudo WORK=/tmp/img OUT=/tmp/img/base.img sh lab/uml/build-image.sh
#
# Environment (defaults in brackets):
#   WORK          scratch directory, removed by the caller; the rootfs is built in $WORK/rootfs  [required]
#   OUT           the image file to write                                                       [required]
#   MIRROR        Debian mirror                                    [http://deb.debian.org/debian]
#   SECURITY      Debian security mirror, empty for none           [http://deb.debian.org/debian-security]
#   SUITE         Debian suite                                     [bookworm]
#   UML_MODULES   the host's UML modules tree                      [/usr/lib/uml/modules]
#   IMAGE_SIZE    ext4 image size                                  [1536M]
#   PKG_CACHE     .deb cache kept between builds, empty for none   []
#   RECIPE_STAMP  text written to /etc/sanchaos-image in the guest [unknown]
#
# Output protocol: a line "::step <name>" starts each step, so the caller can report progress and name
# the step that failed. Exits non-zero at the first failing command (set -e).
set -eu

: "${WORK:?set WORK to a scratch directory}"
: "${OUT:?set OUT to the image file to write}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY="${SECURITY-http://deb.debian.org/debian-security}"
SUITE="${SUITE:-bookworm}"
UML_MODULES="${UML_MODULES:-/usr/lib/uml/modules}"
IMAGE_SIZE="${IMAGE_SIZE:-1536M}"
PKG_CACHE="${PKG_CACHE:-}"
RECIPE_STAMP="${RECIPE_STAMP:-unknown}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$WORK/rootfs"

step() { echo "::step $1"; }
list() { grep -v '^[[:space:]]*#' "$1" | grep -v '^[[:space:]]*$'; }

# Mounts made for the chroot live in a private mount namespace: they vanish with this process, even when
# it is killed, so a failed build never leaves /proc or a bind mount behind on the host.
if [ "${SANCHAOS_IN_MOUNT_NS:-}" != 1 ]; then
    SANCHAOS_IN_MOUNT_NS=1 exec unshare --mount --propagation private /bin/sh "$0" "$@"
fi

step debootstrap
mkdir -p "$ROOT"
include="$(list "$HERE/packages-base.txt" | paste -sd, -)"
cache_arg=""
if [ -n "$PKG_CACHE" ]; then mkdir -p "$PKG_CACHE/debootstrap"; cache_arg="--cache-dir=$PKG_CACHE/debootstrap"; fi
# shellcheck disable=SC2086
debootstrap --variant=minbase --include="$include" $cache_arg "$SUITE" "$ROOT" "$MIRROR"

step apt-sources
{
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    if [ -n "$SECURITY" ]; then echo "deb $SECURITY $SUITE-security main"; fi
} > "$ROOT/etc/apt/sources.list"
# No service may start inside the build chroot.
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
mount -t proc proc "$ROOT/proc"
mount -t sysfs sysfs "$ROOT/sys"
mount --bind /dev "$ROOT/dev"
mount -t devpts devpts "$ROOT/dev/pts" -o newinstance,ptmxmode=0666
if [ -n "$PKG_CACHE" ]; then
    mkdir -p "$PKG_CACHE/apt"
    mount --bind "$PKG_CACHE/apt" "$ROOT/var/cache/apt/archives"
fi
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }

step apt-update
in_root apt-get update -q

step apt-install
# shellcheck disable=SC2046
in_root apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef $(list "$HERE/packages-san.txt")

step uml-modules
ver_count=0
for dir in "$UML_MODULES"/*; do
    [ -d "$dir" ] || continue
    ver="$(basename "$dir")"
    mkdir -p "$ROOT/lib/modules"
    rm -rf "${ROOT:?}/lib/modules/$ver"
    cp -a "$dir" "$ROOT/lib/modules/$ver"
    in_root depmod -a "$ver"
    ver_count=$((ver_count + 1))
done
if [ "$ver_count" = 0 ]; then echo "no UML modules under $UML_MODULES" >&2; exit 1; fi

step guest-files
cp -a "$HERE/guest/." "$ROOT/"
chmod 0755 "$ROOT/usr/local/sbin/sanchaos-identity"
chmod 0644 "$ROOT/etc/systemd/system/sanchaos-identity.service" "$ROOT/etc/fstab" \
    "$ROOT/etc/ssh/sshd_config.d/sanchaos.conf"
in_root systemctl enable sanchaos-identity.service
echo "lab" > "$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$ROOT/etc/hosts"
printf 'auto lo\niface lo inet loopback\n' > "$ROOT/etc/network/interfaces"
mkdir -p "$ROOT/root/.ssh"
chmod 0700 "$ROOT/root/.ssh"
# Root has no password; the harness logs in with the key passed at boot (sanchaos.key=).
in_root passwd -d root >/dev/null
echo "$RECIPE_STAMP" > "$ROOT/etc/sanchaos-image"

step units
list "$HERE/units-off.txt" | while read -r action unit; do
    case "$action" in
        disable) in_root systemctl disable "$unit" >/dev/null 2>&1 || true ;;
        mask) in_root systemctl mask "$unit" >/dev/null 2>&1 ;;
        *) echo "units-off.txt: unknown action '$action'" >&2; exit 1 ;;
    esac
done
# SysV scripts (heartbeat) are enabled through rc.d links; remove them so the generator makes no unit.
in_root update-rc.d -f heartbeat remove >/dev/null 2>&1 || true

step ssh-host-keys
rm -f "$ROOT"/etc/ssh/ssh_host_*
in_root ssh-keygen -q -A

step cleanup
rm -f "$ROOT/usr/sbin/policy-rc.d"
in_root apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/log/*.log "$ROOT"/var/log/apt/* "$ROOT"/tmp/*
# A populated machine-id: an empty one means "first boot" to systemd, which would apply presets and
# re-enable the units disabled above. Each node overrides it with systemd.machine_id= on its command line.
tr -d '-' < /proc/sys/kernel/random/uuid > "$ROOT/etc/machine-id"
if [ -n "$PKG_CACHE" ]; then umount "$ROOT/var/cache/apt/archives"; fi
umount "$ROOT/dev/pts" "$ROOT/dev" "$ROOT/sys" "$ROOT/proc"

# /etc and /var are up to date with /usr: ConditionNeedsUpdate units (sysusers, ldconfig, hwdb, ...)
# would otherwise run on each node's first boot, seconds each under UML.
touch "$ROOT/etc/.updated" "$ROOT/var/.updated"

step pack
rm -f "$OUT"
mke2fs -q -F -t ext4 -L sanchaos-root -d "$ROOT" "$OUT" "$IMAGE_SIZE"
echo "::done $OUT"
