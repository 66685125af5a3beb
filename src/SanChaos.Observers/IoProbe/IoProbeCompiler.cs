using System.Security.Cryptography;
using System.Text;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Remote;
using SanChaos.Labs.Uml;

namespace SanChaos.Observers.IoProbe;

/// <summary>
/// Compiles <c>lab/sut/tools/sanchaos-ioprobe.c</c> (embedded in SanChaos.Labs, see <see cref="SutData"/>) with the
/// host's gcc into a static executable that runs on any x86_64 Linux node: cached under
/// <c>&lt;cache&gt;/tools/&lt;key&gt;/sanchaos-ioprobe</c>, where the key is the SHA-256 of the flags and the source, so a
/// changed source builds once and an unchanged one never again. Safe when several processes build at once: each
/// compiles into a file of its own and renames it into place.
/// </summary>
public static class IoProbeCompiler
{
    /// <summary>The source's path in the SUT data set.</summary>
    public const string SourceName = "tools/sanchaos-ioprobe.c";

    /// <summary>The executable's file name.</summary>
    public const string BinaryName = "sanchaos-ioprobe";

    /// <summary>gcc flags: optimised, static (libc only), warnings as errors, stripped.</summary>
    public static readonly IReadOnlyList<string> Flags = ["-O2", "-static", "-Wall", "-Werror", "-s"];

    private const string Remedy = "install the compiler and the static C library on the harness machine: apt-get install gcc libc6-dev";

    /// <summary>Builds (or finds in the cache) the probe from the SUT data set's source.</summary>
    /// <param name="cacheDirectory">Cache root; default <c>$SANCHAOS_CACHE</c>, else <c>/var/cache/sanchaos</c>.</param>
    /// <param name="ct">Cancels the build.</param>
    /// <exception cref="SanChaosException">gcc is missing or the build failed (with gcc's output).</exception>
    public static Task<IoProbeBinary> BuildAsync(string? cacheDirectory = null, CancellationToken ct = default) =>
        BuildAsync(SutData.Default.ReadText(SourceName), cacheDirectory, ct);

    /// <summary>Builds (or finds in the cache) the probe from <paramref name="source"/>.</summary>
    /// <param name="source">The C source.</param>
    /// <param name="cacheDirectory">Cache root; default <c>$SANCHAOS_CACHE</c>, else <c>/var/cache/sanchaos</c>.</param>
    /// <param name="ct">Cancels the build.</param>
    /// <exception cref="SanChaosException">gcc is missing or the build failed (with gcc's output).</exception>
    public static async Task<IoProbeBinary> BuildAsync(string source, string? cacheDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', Flags) + "\n" + source)));
        var dir = Path.Combine(cacheDirectory ?? new UmlLabOptions().EffectiveCacheDirectory, "tools", key);
        var binary = Path.Combine(dir, BinaryName);
        if (!File.Exists(binary)) await CompileAsync(source, dir, binary, ct).ConfigureAwait(false);
        return new IoProbeBinary(binary, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(binary, ct).ConfigureAwait(false))), key);
    }

    private static async Task CompileAsync(string source, string dir, string binary, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SanChaosException($"Cannot create the I/O probe's cache directory {dir}: {e.Message}",
                "run as root, or set SANCHAOS_CACHE to a directory you can write.", e);
        }

        var tag = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        var src = Path.Combine(dir, $"{BinaryName}-{tag}.c");
        var tmp = Path.Combine(dir, $"{BinaryName}-{tag}.tmp");
        try
        {
            await File.WriteAllTextAsync(src, source, ct).ConfigureAwait(false);
            string[] argv = ["gcc", .. Flags, "-o", tmp, src];
            var r = await HostCommand.RunAsync(argv, timeout: TimeSpan.FromMinutes(2), ct: ct).ConfigureAwait(false);
            if (r.ExitCode == -1)
                throw new SanChaosException($"Cannot build the I/O probe: gcc is not installed on the harness machine ({r.StandardError.Trim()}).", Remedy);
            if (!r.Succeeded)
                throw new CommandFailedException(HostCommand.Where, HostCommand.Format(argv), r,
                    r.StandardError.Contains("cannot find -lc", StringComparison.Ordinal)
                        ? Remedy
                        : $"fix {SourceName} (lab/sut/tools/) so it compiles with `gcc {string.Join(' ', Flags)}`.");
            File.Move(src, Path.Combine(dir, BinaryName + ".c"), overwrite: true);
            File.Move(tmp, binary, overwrite: true); // rename(2): readers see the old file or the whole new one
        }
        finally
        {
            File.Delete(tmp);
            File.Delete(src);
        }
    }
}
