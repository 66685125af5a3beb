using System.Globalization;

namespace SanChaos.Labs.Remote;

/// <summary>
/// The OpenSSH client options that <see cref="SshNodeOptions"/> stand for, in one place for the harness's own
/// connections (<see cref="SshNode"/>) and for a person's session on a node (<see cref="Hands.LabSshCommand"/>).
/// </summary>
internal static class SshClientArguments
{
    /// <summary>
    /// <c>-F FILE</c> with a <see cref="SshNodeOptions.ConfigFile"/>, else <c>-F /dev/null</c> unless
    /// <see cref="SshNodeOptions.UseSshConfig"/>; the <c>-o</c> options (log level, timeouts,
    /// keep-alives, host key checking, identity, extras) and <c>-p PORT -l USER</c>.
    /// </summary>
    /// <param name="o">How to reach the node.</param>
    /// <param name="harness">True for the harness: <c>BatchMode=yes</c> (never prompt) and the node's
    /// <see cref="SshNodeOptions.ControlPath"/>. False for a person at a terminal: ssh may ask, and no control socket.</param>
    public static List<string> Options(SshNodeOptions o, bool harness)
    {
        var args = new List<string>();
        if (o.ConfigFile is not null) args.AddRange(["-F", o.ConfigFile]);
        else if (!o.UseSshConfig) args.AddRange(["-F", "/dev/null"]);
        void Opt(string kv) => args.AddRange(["-o", kv]);
        if (harness) Opt("BatchMode=yes");
        Opt("LogLevel=ERROR");
        Opt($"ConnectTimeout={Seconds(o.ConnectTimeout)}");
        Opt($"ServerAliveInterval={(o.ServerAliveInterval == TimeSpan.Zero ? 0 : Seconds(o.ServerAliveInterval))}");
        Opt($"ServerAliveCountMax={o.ServerAliveCountMax}");
        if (o.KnownHostsFile is null)
        {
            Opt("StrictHostKeyChecking=no");
            Opt("UserKnownHostsFile=/dev/null");
        }
        else
        {
            Opt("StrictHostKeyChecking=yes");
            Opt($"UserKnownHostsFile={PathValue(o.KnownHostsFile)}");
        }

        Opt("GlobalKnownHostsFile=/dev/null");
        Opt("UpdateHostKeys=no");
        if (o.IdentityFile is not null)
        {
            Opt($"IdentityFile={PathValue(o.IdentityFile)}");
            Opt("IdentitiesOnly=yes");
        }

        if (harness) Opt($"ControlPath={PathValue(o.ControlPath)}");
        foreach (var extra in o.ExtraOptions) Opt(extra);
        args.AddRange(["-p", o.Port.ToString(CultureInfo.InvariantCulture), "-l", o.User]);
        return args;
    }

    /// <summary>ssh expands %-tokens in paths and splits option values at blanks: escape and quote.</summary>
    private static string PathValue(string path)
    {
        var v = path.Replace("%", "%%", StringComparison.Ordinal);
        return v.Any(char.IsWhiteSpace) ? $"\"{v}\"" : v;
    }

    private static long Seconds(TimeSpan t) => Math.Max(1, (long)Math.Ceiling(t.TotalSeconds));
}
