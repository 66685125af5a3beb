#!/bin/bash
# Records the Capture tests' fixtures on this host, inside throw-away network namespaces only (sanchaos-test-*):
# a bridge (br0) with a client ("badger", 192.168.1.10) and two storage nodes ("otter" .2, "weasel" .3) holding the
# lab's MACs; the floating IP 192.168.1.1 moves from otter to weasel, who announces it like Heartbeat's send_arp
# (garp.py: a gratuitous request, then a gratuitous reply 100 ms later). Records, from the client:
#   ip-monitor-neigh.txt, ip-ts-monitor-neigh.txt   `ip -o monitor neigh` (and with -ts) throughout
#   ip-neigh-show-before.txt, ip-neigh-show-after.txt  `ip -o neigh show` before and after the takeover
# and on the bridge: arp-takeover-us.pcap, arp-takeover-ns.pcap (tcpdump -w, microsecond and nanosecond).
# Needs root, iproute2, tcpdump, python3. Usage: record-fixtures.sh [output dir]
set -eu
R=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
BR=sanchaos-test-$R-br; C=sanchaos-test-$R-c; S1=sanchaos-test-$R-s1; S2=sanchaos-test-$R-s2
OUT=${1:-$(dirname "$0")}
cleanup() { for n in $C $S1 $S2 $BR; do ip netns del $n 2>/dev/null || true; done; }
trap cleanup EXIT
for n in $BR $C $S1 $S2; do ip netns add $n; ip -n $n link set lo up; done
ip -n $BR link add br0 type bridge stp_state 0 forward_delay 0; ip -n $BR link set br0 up
plug() { # ns ifname mac addr port
  ip -n $BR link add $5 type veth peer name $2 netns $1
  ip -n $BR link set $5 master br0 up
  ip -n $1 link set $2 address $3; ip -n $1 addr add $4 dev $2; ip -n $1 link set $2 up; }
plug $C eth1 52:54:00:03:02:01 192.168.1.10/24 pc
plug $S1 eth2 52:54:00:01:02:01 192.168.1.2/24 p1
plug $S2 eth2 52:54:00:02:02:01 192.168.1.3/24 p2
ip -n $S1 addr add 192.168.1.1/24 dev eth2
ip netns exec $BR tcpdump -q -i br0 -w $OUT/arp-takeover-us.pcap arp 2>/dev/null & T1=$!
ip netns exec $BR tcpdump -q -i br0 --time-stamp-precision=nano -w $OUT/arp-takeover-ns.pcap arp 2>/dev/null & T2=$!
sleep 1
ip netns exec $C ip -o monitor neigh > $OUT/ip-monitor-neigh.txt & M1=$!
ip netns exec $C ip -o -ts monitor neigh > $OUT/ip-ts-monitor-neigh.txt & M2=$!
sleep 0.5
ip netns exec $C bash -c 'echo x > /dev/udp/192.168.1.1/9' ; sleep 0.5
ip -n $C -o neigh show > $OUT/ip-neigh-show-before.txt
sleep 1.2
# takeover: otter drops the floating IP, weasel takes it and announces it
ip -n $S1 addr del 192.168.1.1/24 dev eth2
ip -n $S2 addr add 192.168.1.1/24 dev eth2
ip netns exec $S2 python3 "$(dirname "$0")/garp.py" eth2 52:54:00:02:02:01 192.168.1.1
sleep 0.5
ip -n $C -o neigh show > $OUT/ip-neigh-show-after.txt
ip netns exec $C bash -c 'echo x > /dev/udp/192.168.1.1/9'; sleep 6
ip netns exec $C bash -c 'echo x > /dev/udp/192.168.1.99/9'; sleep 4
ip -n $C neigh replace 192.168.1.50 lladdr 52:54:00:09:09:09 dev eth1 nud permanent
ip -n $C neigh del 192.168.1.50 dev eth1
ip -n $C neigh flush dev eth1
sleep 0.5
kill $M1 $M2 $T1 $T2; wait $T1 $T2 || true
