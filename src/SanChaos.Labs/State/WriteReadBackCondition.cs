using System.Security.Cryptography;
using System.Text;
using SanChaos.Core.Waiting;

namespace SanChaos.Labs.State;

/// <summary>
/// A 4 KiB block with a run marker, written through the multipath device with O_DIRECT at a fixed offset
/// (commands.yaml: probe_block), reads back (O_DIRECT) with the same SHA-256. Each check writes a new block
/// (random content from the seeded generator, so a rerun with the same seed writes the same blocks).
/// </summary>
internal sealed class WriteReadBackCondition(ProbeContext ctx, string client, string runId, int seed) : ISteadyStateCondition
{
    private const int BlockSize = 4096;
    private readonly Random random = new(seed);
    private int sequence;

    public string Name => $"{client}: 4 KiB written to {ctx.Values()["map_device"]} reads back identical";

    public string Remedy =>
        $"on {client}: is the map writable (`multipath -ll`: queueing, failed paths)? Does the target export the LV read-write " +
        "(demo_mode_write_protect=0)? A mismatch means the block did not reach the device or another writer overwrote it.";

    public async Task<Probe> CheckAsync(CancellationToken ct)
    {
        var block = NextBlock();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(block)));
        var v = ctx.Values();
        await ctx.Node(client).UploadAsync(v["probe_file"], block, "0600", ct).ConfigureAwait(false);
        var w = await ctx.ExecAsync(client, "probe_write", ct).ConfigureAwait(false);
        if (!w.Succeeded) return Probe.No($"write failed (exit {w.ExitCode}): {NodeProbes.FirstLine(w.StandardError + w.StandardOutput, "no output")}");
        var r = await ctx.ExecAsync(client, "probe_read_sha256", ct).ConfigureAwait(false);
        var m = ctx.Catalog.Pattern("sha256sum").Match(r.StandardOutput.Trim());
        if (!r.Succeeded || !m.Success) return Probe.No($"read back failed (exit {r.ExitCode}): {NodeProbes.FirstLine(r.StandardError + r.StandardOutput, "no output")}");
        var actual = m.Groups["hash"].Value;
        var where = $"block {v["probe_block"]} of {v["map_device"]}, marker run={runId} seq={sequence}";
        return actual == expected
            ? Probe.Yes($"{where}: sha256 {expected[..16]}... matches")
            : Probe.No($"{where}: wrote sha256 {expected}, read back {actual}");
    }

    private string NextBlock()
    {
        sequence++;
        var header = $"SANCHAOS-PROBE run={runId} seq={sequence} client={client}\n";
        var sb = new StringBuilder(header, BlockSize);
        const string hex = "0123456789abcdef";
        while (sb.Length < BlockSize - 1) sb.Append(hex[random.Next(16)]);
        sb.Append('\n');
        return sb.ToString();
    }
}
