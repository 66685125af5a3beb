#!/usr/bin/env bash
# Installs the Debian 12 host packages SanChaos needs (idempotent; quick when they are present).
#   user-mode-linux    the embedded lab's kernels (with drbd, dm-multipath, iscsi_tcp, LIO modules)
#   debootstrap        builds the lab's Debian root filesystem
#   iproute2 e2fsprogs network namespaces, bridges, taps; mke2fs -d for the image
#   openssh-client     the harness reaches nodes over SSH (ControlMaster)
#   openssh-server     tests of the SSH transport start a private sshd on loopback
#   snmpd snmp         tests of the APC PDU driver run against a real SNMP agent
#   tcpdump libpcap0.8 packet capture (gratuitous ARP observers)
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-host-packages.sh must run as root (it uses apt-get). Run: sudo $0" >&2
  exit 2
fi
pkgs=(user-mode-linux debootstrap iproute2 e2fsprogs openssh-client openssh-server snmpd snmp tcpdump libpcap0.8 psmisc procps python3 ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "host packages: all present"
  exit 0
fi
echo "host packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# snmpd and sshd start as services on install; SanChaos starts its own private instances in tests.
systemctl disable --now snmpd >/dev/null 2>&1 || true
echo "host packages: done"
