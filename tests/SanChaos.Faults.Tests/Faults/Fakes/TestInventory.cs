using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>
/// The embedded lab's inventory (otter, weasel, badger), read by the real loader, with otter on two supplies
/// (outlets 1 and 7) and badger on no outlet. The PDU password comes from a file the caller names.
/// </summary>
public static class TestInventory
{
    public const string PduUser = "admin";

    public static LabInventory Load(string passwordFile, bool disposable = true, string name = "embedded", string kind = "embedded",
        string pduAddress = "embedded", bool serial = true, bool serialRelay = false)
    {
        // A rack checks host keys, has a Heartbeat key of its own and refuses secret files others may read.
        var rack = kind == "hardware";
        if (rack && File.Exists(passwordFile)) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var yaml = $$"""
            lab:
              name: {{name}}
              kind: {{kind}}
              disposable: {{(disposable ? "true" : "false")}}
            switches:
              mgmt-switch: {}
              switch-a: {}
              switch-b: {}
            networks:
              management:  { purpose: management,  subnet: 172.16.1.0/24,  switch: mgmt-switch }
              replication: { purpose: replication, subnet: 10.0.0.0/24 }
              storage-a:   { purpose: storage-a,   subnet: 192.168.1.0/24, switch: switch-a }
              storage-b:   { purpose: storage-b,   subnet: 192.168.2.0/24, switch: switch-b }
            nodes:
              otter:
                role: storage
                management: 172.16.1.1
                interfaces:
                  eth0: { network: management,  address: 172.16.1.1/24 }
                  eth1: { network: replication, address: 10.0.0.1/24 }
                  eth2: { network: storage-a,   address: 192.168.1.2/24 }
                  eth3: { network: storage-b,   address: 192.168.2.2/24 }
                drbd_disk: /dev/ubdb
                serial_port: /dev/ttyS1
              weasel:
                role: storage
                management: 172.16.1.2
                interfaces:
                  eth0: { network: management,  address: 172.16.1.2/24 }
                  eth1: { network: replication, address: 10.0.0.2/24 }
                  eth2: { network: storage-a,   address: 192.168.1.3/24 }
                  eth3: { network: storage-b,   address: 192.168.2.3/24 }
                drbd_disk: /dev/ubdb
                serial_port: /dev/ttyS1
              badger:
                role: client
                management: 172.16.1.10
                interfaces:
                  eth0: { network: management, address: 172.16.1.10/24 }
                  eth1: { network: storage-a,  address: 192.168.1.10/24 }
                  eth2: { network: storage-b,  address: 192.168.2.10/24 }
            {{(serial ? "serial:\n  between: [otter, weasel]" : "")}}
            {{(rack ? "ssh: { known_hosts: /tmp/sanchaos-tests/known_hosts }" : "")}}
            pdus:
              pdu1:
                driver: redfish
                address: {{pduAddress}}
                user: {{PduUser}}
                password: { file: {{passwordFile}} }
                outlets:
                  1: otter
                  2: weasel
                  4: switch-a
                  5: switch-b
                  7: otter
            {{(serialRelay ? "      8: serial" : "")}}
            floating_ips:
              - { address: 192.168.1.1/24, network: storage-a }
              - { address: 192.168.2.1/24, network: storage-b }
            sut:
              heartbeat: { preferred_node: weasel{{(serial ? "" : ", serial: false")}}{{(rack ? ", auth_key: { env: SANCHAOS_TEST_AUTHKEY }" : "")}} }
              iscsi_target: { implementation: lio, iqn: iqn.2009-02.com.example:test }
            """;
        return InventoryLoader.Parse($"/tmp/sanchaos-tests/lab/{name}.yaml", yaml);
    }
}
