using System.Diagnostics;

namespace SanChaos.Lab.Tests.Provisioning;

/// <summary>What the node-script tests need from this machine's shell.</summary>
internal static class TestShell
{
    /// <summary>sh -n's complaints about <paramref name="text"/>; empty when it parses.</summary>
    public static string ShellSyntax(string text)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(text);
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return err;
    }

    /// <summary>A block device of this machine to stand in for the LVM volume, or null.</summary>
    public static string? AnyBlockDevice() =>
        new[] { "/dev/loop0", "/dev/sda", "/dev/vda", "/dev/xvda", "/dev/nvme0n1", "/dev/ram0" }.FirstOrDefault(d =>
        {
            using var p = Process.Start("/bin/sh", ["-c", "[ -b \"$1\" ]", "sh", d])!;
            p.WaitForExit();
            return p.ExitCode == 0;
        });
}
