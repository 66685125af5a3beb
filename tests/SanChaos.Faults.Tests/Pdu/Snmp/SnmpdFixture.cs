using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SanChaos.Core.Waiting;
using SanChaos.Faults.Pdu;
using SanChaos.Faults.Pdu.Snmp;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Snmp;

/// <summary>
/// A real Debian snmpd on 127.0.0.1 and a free UDP port, with a temporary config whose `pass` script
/// (apc-outlets-pass.sh) serves the APC outlet-control columns for 8 outlets. Kills only the snmpd it started.
/// </summary>
public sealed class SnmpdFixture : IAsyncLifetime
{
    public const string ReadCommunity = "sanchaos-ro";
    public const string WriteCommunity = "sanchaos-rw";
    public const int Outlets = 8;
    private const string PassScript = "apc-outlets-pass.sh";

    // snmpd.conf(5). Only the test's own port on loopback; no default config files (-C).
    private const string ConfigTemplate = """
        agentAddress udp:127.0.0.1:{port}
        rocommunity {ro} 127.0.0.1
        rwcommunity {rw} 127.0.0.1
        pass .1.3.6.1.4.1.318.1.1.4.4.2.1.3 {script}
        pass .1.3.6.1.4.1.318.1.1.26.9.2.4.1.5 {script}
        """;

    private readonly StringBuilder _output = new();
    private Process? _snmpd;

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), $"sanchaos-pdu-snmpd-{Guid.NewGuid():N}"[..40]);

    public int Port { get; private set; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public async ValueTask InitializeAsync()
    {
        var snmpd = FindSnmpd() ?? throw new InvalidOperationException(
            "snmpd is not installed (looked for /usr/sbin/snmpd and on PATH); the SNMP PDU tests need a real agent. Install it: `apt-get install snmpd snmp` (CI does).");
        Directory.CreateDirectory(Dir);
        var script = Path.Combine(Dir, PassScript);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Pdu", "Snmp", PassScript), script);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreeUdpPort();
            try
            {
                await StartAsync(snmpd, script);
                return;
            }
            catch (Exception e)
            {
                await StopAsync();
                if (e is WaitTimeoutException) throw new InvalidOperationException($"snmpd started but does not answer. Output:\n{Output}", e);
                last = e; // most likely the port was taken between probing and binding; try another
            }
        }

        throw new InvalidOperationException($"snmpd did not start after 5 attempts. Output:\n{Output}", last);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Leave it; the name carries the sanchaos-pdu-snmpd- label.
        }
    }

    public ApcSnmpPduOptions Options(
        SnmpVersion version = SnmpVersion.V2c,
        string? writeCommunity = null,
        string? readCommunity = null,
        ApcOutletOidFamily family = ApcOutletOidFamily.SPduOutletCtl,
        TimeSpan? timeout = null,
        int retries = 1) => new()
        {
            Host = "127.0.0.1",
            Port = Port,
            Version = version,
            ReadCommunity = readCommunity ?? ReadCommunity,
            WriteCommunity = writeCommunity ?? WriteCommunity,
            CommunitySource = "the test's snmpd.conf",
            OidFamily = family,
            Timeout = timeout ?? TimeSpan.FromMilliseconds(300),
            Retries = retries,
        };

    /// <summary>The outlet state the script stores: 1 on, 2 off.</summary>
    public int StateOf(int outlet)
    {
        var file = Path.Combine(Dir, $"outlet.{outlet}");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture) : 1;
    }

    public string Calls => File.Exists(Path.Combine(Dir, "calls.log")) ? File.ReadAllText(Path.Combine(Dir, "calls.log")) : "";

    private async Task StartAsync(string snmpd, string script)
    {
        var conf = Path.Combine(Dir, "snmpd.conf");
        File.WriteAllText(conf, ConfigTemplate
            .Replace("{port}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ro}", ReadCommunity, StringComparison.Ordinal)
            .Replace("{rw}", WriteCommunity, StringComparison.Ordinal)
            .Replace("{script}", script, StringComparison.Ordinal) + "\n");
        var psi = new ProcessStartInfo(snmpd)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The listening address comes from agentAddress in the config: giving it on the command line as well makes
        // snmpd bind it twice and exit ("Error opening specified endpoint").
        foreach (var a in new[] { "-C", "-c", conf, "-f", "-Lo", "-p", Path.Combine(Dir, "snmpd.pid") }) psi.ArgumentList.Add(a);
        psi.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(Dir, "persist");
        psi.Environment["MIBS"] = "";
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        using var exited = new CancellationTokenSource();
        p.Exited += (_, _) =>
        {
            try
            {
                exited.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Exited after start-up; nobody is waiting any more.
            }
        };
        p.Start();
        _snmpd = p;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();

        await using var probe = PduDrivers.CreateApcSnmp(Options(timeout: TimeSpan.FromMilliseconds(100), retries: 0));
        try
        {
            await Wait.UntilAsync(
                $"snmpd answering on 127.0.0.1:{Port}",
                async ct =>
                {
                    var on = await probe.IsOnAsync(1, ct);
                    return Probe.Yes($"outlet 1 {(on ? "on" : "off")}");
                },
                TimeSpan.FromSeconds(5),
                TimeSpan.FromMilliseconds(20),
                remedy: "See the snmpd output in the exception.",
                ct: exited.Token);
        }
        catch (OperationCanceledException) when (p.HasExited)
        {
            throw new InvalidOperationException($"snmpd exited with code {p.ExitCode} while starting on port {Port}. Output:\n{Output}");
        }
    }

    private async Task StopAsync()
    {
        var p = _snmpd;
        _snmpd = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                p.Kill(); // this PID only: the snmpd this fixture started
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await p.WaitForExitAsync(grace.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            p.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string? FindSnmpd()
    {
        if (File.Exists("/usr/sbin/snmpd")) return "/usr/sbin/snmpd";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "snmpd");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    public static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
