namespace SanChaos.Config.Lint.Rules;

/// <summary><c>hb.authkeys-mode</c>: Heartbeat refuses an authkeys group or others may read or write.</summary>
internal sealed class AuthKeysModeRule() : ConfigRule("hb.authkeys-mode", "authkeys mode 600")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var k in context.Config.StorageNodes.Select(n => n.AuthKeys).OfType<Heartbeat.AuthKeys>())
            if (k.File.Mode is { } mode && ((int)mode & 0x3F) != 0)
                yield return Found(Severity.Error, k.File.At(), $"authkeys is mode {k.File.ModeText}: group or others may read the cluster's key",
                    "Heartbeat refuses to start (\"Bad permissions on keyfile, 600 recommended\"); and anyone who reads the key can forge heartbeats and make a node give up or take the resources.",
                    "chown root:root /etc/ha.d/authkeys; chmod 600 /etc/ha.d/authkeys (seeds, part 3).", Drills.SteadyState);
    }
}

/// <summary><c>hb.authkeys-identical</c>: both nodes must sign with the same key.</summary>
internal sealed class AuthKeysIdenticalRule() : ConfigRule("hb.authkeys-identical", "the same authkeys on both storage nodes")
{
    public override IEnumerable<Finding> Check(LintContext context)
    {
        var nodes = context.Config.StorageNodes.Where(n => n.AuthKeys is not null).ToArray();
        if (nodes.Length < 2) yield break;
        string Key(NodeConfiguration n) => n.AuthKeys!.ActiveKey is { } k ? $"{n.AuthKeys.Auth!.Value} {k.Value}" : "(none)";
        var first = nodes[0];
        foreach (var other in nodes.Skip(1).Where(o => Key(o) != Key(first)))
            yield return Found(Severity.Error, other.AuthKeys!.ActiveKey?.Location ?? other.AuthKeys.File.At(),
                $"{other.Name} signs its heartbeats with another key than {first.Name} (key number, method or secret differ; secrets are not shown)",
                "Each node drops the other's packets as forged: both see their peer dead from the start and both take the resources (split brain at start-up).",
                $"Copy /etc/ha.d/authkeys from {first.Name} to {other.Name} byte for byte (mode 600).", Drills.SteadyState);
    }
}

/// <summary><c>hb.authkeys-key</c>: a key that authenticates nothing (crc) or the HOWTO's placeholder.</summary>
internal sealed class AuthKeysKeyRule() : ConfigRule("hb.authkeys-key", "a real secret with sha1 or md5")
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase) { "secret", "mysecret", "changeme", "password", "passphrase" };

    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var k in context.Config.StorageNodes.Select(n => n.AuthKeys).OfType<Heartbeat.AuthKeys>())
        {
            if (k.ActiveKey is not { } key || key.Values.Count == 0) continue;
            if (key.Values[0] == "crc")
                yield return Found(Severity.Warning, key.Location, "the active key uses crc: heartbeats are not authenticated",
                    "Any host on the heartbeat network can send heartbeats that make a node give up or take the resources.",
                    "Use `1 sha1 <a long random secret>` (e.g. from `dd if=/dev/urandom bs=512 count=1 | sha1sum`).");
            else if (key.Values.Count > 1 && Placeholders.Contains(key.Values[1]))
                yield return Found(Severity.Warning, key.Location, $"the active key's secret is the placeholder '{key.Values[1]}'",
                    "The HOWTO says to replace it (seeds, part 3: \"Replace the word secret with the passphrase of your choice\"); a published secret authenticates nothing.",
                    $"`{key.Key} {key.Values[0]} <a long random secret>`, the same on both nodes.");
        }
    }
}
