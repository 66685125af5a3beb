using System.Collections.Concurrent;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs;

namespace SanChaos.Faults.Tests.Faults.Fakes;

/// <summary>A node that answers commands from a script (first matching rule) and records them.</summary>
public sealed class FakeNode(string name) : INode
{
    private readonly List<(Func<string, bool> Match, Func<CommandResult> Answer)> _rules = [];
    private readonly ConcurrentQueue<string> _commands = new();

    public string Name { get; } = name;

    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>When set, every command throws this (the node is unreachable).</summary>
    public string? Unreachable { get; set; }

    public FakeNode On(string contains, string stdout, int exit = 0, string stderr = "")
    {
        _rules.Add((c => c.Contains(contains, StringComparison.Ordinal), () => new CommandResult(exit, stdout, stderr)));
        return this;
    }

    public Task<CommandResult> ExecAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _commands.Enqueue(command);
        if (Unreachable is not null) throw new SanChaosException($"Cannot reach {Name}: {Unreachable}", "check the node");
        foreach (var (match, answer) in _rules)
            if (match(command)) return Task.FromResult(answer());
        return Task.FromResult(new CommandResult(127, "", $"fake node {Name}: no answer scripted for `{command}`"));
    }

    public Task UploadAsync(string path, string content, string mode = "0644", CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>
    /// Answers the state probes the primary locator reads (lab/sut/commands.yaml): heartbeat running, cl_status rscstatus,
    /// ip -o -4 addr show with or without the floating IPs, and /proc/drbd (Primary when it holds the IP); the target
    /// status and link probes stay unanswered (exit 127: not running / unknown).
    /// </summary>
    public static FakeNode Storage(string name, string rscstatus, bool holdsFloatingIp, string ownAddress) =>
        new FakeNode(name)
            .On("cl_status hbstatus", "Heartbeat is running on this machine.\n")
            .On("cl_status rscstatus", rscstatus + "\n")
            .On("ip -o -4 addr show", IpAddrOutput(ownAddress, holdsFloatingIp))
            .On("cat /proc/drbd", ProcDrbd(holdsFloatingIp ? "Primary/Secondary" : "Secondary/Primary"));

    /// <summary>/proc/drbd of DRBD 8.4 with minor 0 connected in the given roles.</summary>
    public static string ProcDrbd(string roles) =>
        "version: 8.4.11 (api:1/proto:86-101)\n" +
        $" 0: cs:Connected ro:{roles} ds:UpToDate/UpToDate C r-----\n" +
        "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";

    /// <summary>What `ip -o -4 addr show` prints on a storage node, with the floating IPs as secondaries when it holds them.</summary>
    public static string IpAddrOutput(string ownAddress, bool holdsFloatingIp)
    {
        var ip = $"1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n" +
                 $"4: eth2    inet {ownAddress}/24 brd 192.168.1.255 scope global eth2\\       valid_lft forever preferred_lft forever\n";
        if (holdsFloatingIp)
            ip += "4: eth2    inet 192.168.1.1/24 brd 192.168.1.255 scope global secondary eth2\\       valid_lft forever preferred_lft forever\n" +
                  "5: eth3    inet 192.168.2.1/24 brd 192.168.2.255 scope global secondary eth3\\       valid_lft forever preferred_lft forever\n";
        return ip;
    }
}
