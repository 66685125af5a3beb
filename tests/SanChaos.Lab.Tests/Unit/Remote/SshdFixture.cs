using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Native;
using SanChaos.Labs.Remote;
using Xunit;

namespace SanChaos.Lab.Tests.Unit.Remote;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 and a free port, with throw-away host and client keys, run as our own
/// child process and stopped by its PID. Fails (does not skip) when sshd is not installed: CI installs it.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private const string Sshd = "/usr/sbin/sshd";
    private Process? _sshd;
    private Task<string>? _sshdLog;

    public string Dir { get; } = Directory.CreateTempSubdirectory("sc-sshd-").FullName;

    public int Port { get; private set; }

    public string ClientKey => Path.Combine(Dir, "client_key");

    public string HostPublicKey => File.ReadAllText(Path.Combine(Dir, "host_key.pub")).Trim();

    public string Log => _sshdLog is { IsCompleted: true } ? _sshdLog.Result : "(sshd still running)";

    /// <summary>Options for a node on this sshd; every node gets its own control directory.</summary>
    public SshNodeOptions Node(string name = "otter") => new(name, "127.0.0.1")
    {
        Port = Port,
        IdentityFile = ClientKey,
        ControlDirectory = Path.Combine(Dir, "c"),
    };

    /// <summary>
    /// Holds a control master for "otter", so tests that create their own SshNode("otter") reuse its connection
    /// (a handshake costs ~0.8 s here, and root's login shell another ~1 s per command).
    /// </summary>
    public SshNode? Otter { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Sshd))
            Assert.Fail($"{Sshd} is missing: these tests need a real OpenSSH server. Run: apt-get install openssh-server");

        foreach (var key in new[] { "host_key", "client_key" })
            await HostCommand.RunCheckedAsync(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sanchaos-test", "-f", Path.Combine(Dir, key)],
                remedy: "apt-get install openssh-client");
        File.Copy(Path.Combine(Dir, "client_key.pub"), Path.Combine(Dir, "authorized_keys"));
        // sshd refuses to start without its privilege separation directory (the package creates it at boot).
        Directory.CreateDirectory("/run/sshd");

        Port = FreePort();
        var config = Path.Combine(Dir, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {Dir}/host_key",
            $"PidFile {Dir}/sshd.pid",
            $"AuthorizedKeysFile {Dir}/authorized_keys",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "StrictModes no", // the keys live under /tmp, which is world-writable
            "MaxSessions 50",
            "MaxStartups 50",
            "LogLevel ERROR",
        ]);

        var psi = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-D", "-e", "-f", config }) psi.ArgumentList.Add(a);
        _sshd = Process.Start(psi)!;
        _sshdLog = _sshd.StandardError.ReadToEndAsync();
        _ = _sshd.StandardOutput.ReadToEndAsync();

        await Wait.UntilAsync($"sshd listening on 127.0.0.1:{Port}", async ct =>
        {
            if (_sshd.HasExited) throw new InvalidOperationException($"sshd exited {_sshd.ExitCode}: {await _sshdLog}");
            using var c = new TcpClient();
            await c.ConnectAsync(IPAddress.Loopback, Port, ct);
            return Probe.Yes();
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));

        Otter = new SshNode(Node("otter"));
        await Otter.StartMasterAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Otter is not null) await Otter.DisposeAsync();
        if (_sshd is { } p)
        {
            if (!p.HasExited) Libc.Kill(p.Id, Libc.SIGTERM);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await p.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { p.Kill(); }
            p.Dispose();
        }

        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>A loopback port nothing listens on (right now).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
