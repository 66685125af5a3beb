using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using SanChaos.Core.Commands;
using SanChaos.Core.Errors;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml.Kernels;

/// <summary>
/// Makes a node kernel of <c>lab/sut/builds.yaml</c> ready: a host kernel is checked in place; a Debian kernel is fetched
/// once from its suite on the mirror into <c>/var/cache/sanchaos/kernels/&lt;suite&gt;-&lt;package&gt;-&lt;version&gt;/</c> and
/// reused. The chain of trust is apt's: <c>InRelease</c> is verified with <c>gpgv</c> against the host's Debian archive
/// keyring, <c>Packages.gz</c> against its SHA-256 there, every .deb against its SHA-256 in <c>Packages</c>. Nothing is
/// added to the host's apt sources, and a failed fetch leaves no partial directory behind.
/// </summary>
public sealed class UmlKernelFetcher(string? cacheDirectory = null, string? mirror = null, Action<string>? progress = null)
{
    /// <summary>Default cache. The mirror defaults to the one images come from (<c>$SANCHAOS_MIRROR</c>, the host's apt sources, deb.debian.org).</summary>
    public const string DefaultCacheDirectory = "/var/cache/sanchaos/kernels";

    /// <summary>The keyring that signs Debian's archive (package debian-archive-keyring).</summary>
    public const string Keyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    private const string Marker = "sanchaos-kernel.json";
    private readonly string cache = cacheDirectory ?? DefaultCacheDirectory;

    /// <summary>The kernel of <paramref name="spec"/>, fetched if it is not in the cache.</summary>
    public async Task<UmlKernel> EnsureAsync(UmlKernelSpec spec, CancellationToken ct)
    {
        if (spec.Source == "host")
        {
            var versions = Directory.Exists(spec.Modules) ? Directory.EnumerateDirectories(spec.Modules).Select(Path.GetFileName).Order().ToArray() : [];
            if (!File.Exists(spec.Binary) || versions.Length == 0)
                throw new SanChaosException($"Node kernel '{spec.Name}': {spec.Binary} or its modules under {spec.Modules} are missing.",
                    "apt-get install -y user-mode-linux");
            return new UmlKernel(spec.Name, string.Join(",", versions!), spec.Binary, spec.Modules, null, spec.Arguments);
        }

        if (Cached(spec) is { } cached) return cached;
        return await FetchAsync(spec, ct).ConfigureAwait(false);
    }

    /// <summary>A cached kernel of <paramref name="spec"/> (its newest version), or null.</summary>
    public UmlKernel? Cached(UmlKernelSpec spec)
    {
        if (!Directory.Exists(cache)) return null;
        var prefix = $"{spec.Suite}-{spec.Package}-{spec.VersionPrefix}";
        var dir = Directory.EnumerateDirectories(cache)
            .Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal) && File.Exists(Path.Combine(d, Marker)))
            .Order(StringComparer.Ordinal).LastOrDefault();
        return dir is null ? null : FromDirectory(spec, dir);
    }

    private UmlKernel FromDirectory(UmlKernelSpec spec, string dir)
    {
        var marker = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(dir, Marker))) ?? [];
        return new UmlKernel(spec.Name, marker.GetValueOrDefault("version", "?"), Path.Combine(dir, "usr/bin/linux.uml"),
            Path.Combine(dir, "usr/lib/uml/modules"), spec.Libc ? Path.Combine(dir, "usr/lib/x86_64-linux-gnu") : null, spec.Arguments);
    }

    private async Task<UmlKernel> FetchAsync(UmlKernelSpec spec, CancellationToken ct)
    {
        var root = (mirror ?? ImageBuilder.DebianMirror()).TrimEnd('/');
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var fix = $"check that {root} serves the suite '{spec.Suite}' (SANCHAOS_MIRROR names another mirror), or pick another kernel.";
        progress?.Invoke($"fetching node kernel {spec.Name}: {spec.Package} from {spec.Suite} on {root}");

        if (!File.Exists(Keyring))
            throw new SanChaosException($"Cannot verify Debian's archive signature: {Keyring} is missing.", "apt-get install -y debian-archive-keyring gpgv");
        var inRelease = await GetAsync(http, $"{root}/dists/{spec.Suite}/InRelease", fix, ct).ConfigureAwait(false);
        var tmp = Path.Combine(Path.GetTempPath(), $"sanchaos-inrelease-{Environment.ProcessId}");
        await File.WriteAllBytesAsync(tmp, inRelease, ct).ConfigureAwait(false);
        CommandResult verified;
        try
        {
            verified = await HostCommand.RunCheckedAsync(["gpgv", "--keyring", Keyring, "--output", "-", tmp], ct: ct,
                remedy: $"the {spec.Suite} Release file from {root} is not signed by a key of {Keyring}: use a trusted mirror, " +
                        "or update debian-archive-keyring.").ConfigureAwait(false);
        }
        finally
        {
            File.Delete(tmp);
        }

        var hashes = DebianIndex.ReleaseHashes(verified.StandardOutput);
        const string index = "main/binary-amd64/Packages.gz";
        if (!hashes.TryGetValue(index, out var indexHash))
            throw new SanChaosException($"The {spec.Suite} Release file from {root} lists no {index}.", fix);
        var gz = await GetVerifiedAsync(http, $"{root}/dists/{spec.Suite}/{index}", indexHash.Sha256, fix, ct).ConfigureAwait(false);

        var wanted = new HashSet<string>(StringComparer.Ordinal) { spec.Package };
        if (spec.Libc) { wanted.Add("libc6"); wanted.Add("libgcc-s1"); }
        IReadOnlyList<DebianIndex.Entry> entries;
        using (var reader = new StreamReader(new GZipStream(new MemoryStream(gz), CompressionMode.Decompress)))
            entries = DebianIndex.Packages(reader, wanted);
        var kernel = entries.FirstOrDefault(e => e.Package == spec.Package)
                     ?? throw new SanChaosException($"{spec.Suite} on {root} has no package {spec.Package}.", fix);
        if (!kernel.Version.StartsWith(spec.VersionPrefix, StringComparison.Ordinal))
            throw new SanChaosException(
                $"{spec.Suite} on {root} serves {spec.Package} {kernel.Version}, not the {spec.VersionPrefix}.x that kernel '{spec.Name}' names.",
                $"add a kernel for {kernel.Version} to lab/sut/{UmlKernelSpec.File} (and keep this one if a cached copy exists).");
        if (wanted.FirstOrDefault(w => entries.All(e => e.Package != w)) is { } missing)
            throw new SanChaosException($"{spec.Suite} on {root} has no package {missing}.", fix);

        var final = Path.Combine(cache, $"{spec.Suite}-{spec.Package}-{kernel.Version}");
        var partial = $"{final}.partial-{Environment.ProcessId}";
        Directory.CreateDirectory(cache);
        try
        {
            Directory.CreateDirectory(partial);
            var versions = new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = kernel.Version, ["suite"] = spec.Suite, ["mirror"] = root };
            foreach (var e in entries)
            {
                progress?.Invoke($"  {e.Package} {e.Version} ({e.Size / 1024 / 1024.0:0.0} MiB)");
                var deb = await GetVerifiedAsync(http, $"{root}/{e.Filename}", e.Sha256, fix, ct).ConfigureAwait(false);
                var debFile = Path.Combine(partial, Path.GetFileName(e.Filename));
                await File.WriteAllBytesAsync(debFile, deb, ct).ConfigureAwait(false);
                await HostCommand.RunCheckedAsync(["dpkg-deb", "-x", debFile, partial], timeout: TimeSpan.FromMinutes(5), ct: ct).ConfigureAwait(false);
                File.Delete(debFile);
                versions[e.Package] = e.Version;
            }

            if (!File.Exists(Path.Combine(partial, "usr/bin/linux.uml")))
                throw new SanChaosException($"{spec.Package} {kernel.Version} from {spec.Suite} has no usr/bin/linux.uml.", "pick another kernel.");
            await File.WriteAllTextAsync(Path.Combine(partial, Marker), JsonSerializer.Serialize(versions), ct).ConfigureAwait(false);
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(partial, final);
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }

        return FromDirectory(spec, final);
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string url, string fix, CancellationToken ct)
    {
        try
        {
            using var r = await http.GetAsync(url, ct).ConfigureAwait(false);
            if (!r.IsSuccessStatusCode)
                throw new SanChaosException($"GET {url} answered {(int)r.StatusCode} {r.ReasonPhrase}.", fix);
            return await r.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SanChaosException($"GET {url} failed: {e.Message}", fix, e);
        }
    }

    private static async Task<byte[]> GetVerifiedAsync(HttpClient http, string url, string sha256, string fix, CancellationToken ct)
    {
        var bytes = await GetAsync(http, url, fix, ct).ConfigureAwait(false);
        var got = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(got, sha256, StringComparison.OrdinalIgnoreCase))
            throw new SanChaosException($"{url} has SHA-256 {got}, the signed index says {sha256}.",
                "the mirror served a corrupted or tampered file: retry, or use another mirror (SANCHAOS_MIRROR).");
        return bytes;
    }
}
