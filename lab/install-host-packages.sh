#!/usr/bin/env bash
# Installs the Debian 12 host packages SanChaos needs (idempotent; quick when they are present).
#   user-mode-linux    the embedded lab's kernels (with drbd, dm-multipath, iscsi_tcp, LIO modules)
#   debootstrap        builds the lab's Debian root filesystem
#   gpgv debian-archive-keyring  verify the Debian sid index a fetched node kernel comes from (lab/sut/builds.yaml)
#   iproute2 e2fsprogs network namespaces, bridges, taps; mke2fs -d for the image
#   openssh-client     the harness reaches nodes over SSH (ControlMaster)
#   openssh-server     tests of the SSH transport start a private sshd on loopback
#   netcat-openbsd     the embedded lab described as a rack reaches its nodes through an ssh_config jump (`nc`)
#   snmpd snmp         tests of the APC PDU driver run against a real SNMP agent
#   tcpdump libpcap0.8 packet capture (gratuitous ARP observers)
#   gcc libc6-dev      builds the I/O probe (lab/sut/tools/sanchaos-ioprobe.c) that drills install on the client
#   chromium           the report test opens the rendered Allure report headless
#   vagrant            the Vagrant lab's driver (vagrant/Vagrantfile); its test runs `vagrant validate` (no provider needed)
#   nodejs npm         run Allure's report generator (only when `node`/`npm` are not on the PATH already)
# and Allure's report generator, the npm package `allure` pinned to $ALLURE_VERSION, into $ALLURE_PREFIX
# (`sanchaos report` runs $ALLURE_PREFIX/node_modules/.bin/allure; see reports/README.md). Allure 3 needs Node.js 20
# or later: where the PATH's node is older (Debian 12's own nodejs is 18), the npm package `node` of the pinned
# $ALLURE_NODE_MAJOR is installed into $ALLURE_PREFIX too and used instead.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-host-packages.sh must run as root (it uses apt-get). Run: sudo $0" >&2
  exit 2
fi
ALLURE_VERSION=3.18.0
ALLURE_PREFIX=/opt/sanchaos/allure
ALLURE_NODE_MAJOR=22

pkgs=(user-mode-linux debootstrap gpgv debian-archive-keyring iproute2 e2fsprogs openssh-client openssh-server netcat-openbsd snmpd snmp tcpdump libpcap0.8 psmisc procps python3 ca-certificates gcc libc6-dev chromium vagrant)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "host packages: all present"
else
  echo "host packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # snmpd and sshd start as services on install; SanChaos starts its own private instances in tests.
  systemctl disable --now snmpd >/dev/null 2>&1 || true
  echo "host packages: done"
fi

# Allure (npm). The version installed is read from its package.json: nothing is asked of the registry when it matches.
installed=$(node -p "require('$ALLURE_PREFIX/node_modules/allure/package.json').version" 2>/dev/null || true)
if [ "$installed" = "$ALLURE_VERSION" ] && [ -x "$ALLURE_PREFIX/node_modules/.bin/allure" ]; then
  echo "allure: $ALLURE_VERSION present in $ALLURE_PREFIX"
else
  echo "allure: installing allure@$ALLURE_VERSION into $ALLURE_PREFIX"
  mkdir -p "$ALLURE_PREFIX"
  [ -f "$ALLURE_PREFIX/package.json" ] || echo '{ "name": "sanchaos-allure", "private": true }' > "$ALLURE_PREFIX/package.json"
  npm install --prefix "$ALLURE_PREFIX" --no-audit --no-fund --loglevel=error --save-exact "allure@$ALLURE_VERSION" >/dev/null
  echo "allure: done"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] && [ ! -x "$ALLURE_PREFIX/node_modules/.bin/node" ]; then
  echo "allure: node $node_major is too old for Allure 3; installing node@$ALLURE_NODE_MAJOR into $ALLURE_PREFIX"
  npm install --prefix "$ALLURE_PREFIX" --no-audit --no-fund --loglevel=error "node@$ALLURE_NODE_MAJOR" >/dev/null
fi
