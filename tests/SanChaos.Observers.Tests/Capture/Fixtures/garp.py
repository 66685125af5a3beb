# Sends gratuitous ARP like Heartbeat's send_arp: a request and a reply, sender IP == target IP, to broadcast.
import socket, struct, sys, time
dev, mac, ip = sys.argv[1], bytes.fromhex(sys.argv[2].replace(':', '')), socket.inet_aton(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
bc = b'\xff' * 6
for op in (1, 2):
    tha = b'\x00' * 6 if op == 1 else bc
    arp = struct.pack('!HHBBH', 1, 0x0800, 6, 4, op) + mac + ip + tha + ip
    s.send(bc + mac + b'\x08\x06' + arp)
    time.sleep(0.1)
