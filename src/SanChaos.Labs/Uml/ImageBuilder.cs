using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SanChaos.Core.Errors;
using SanChaos.Core.Waiting;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Uml;

/// <summary>
/// Builds the guest image from the recipe in <c>lab/uml/</c> by running its <c>build-image.sh</c>, or reuses a built
/// one. The cache entry is named by the SHA-256 of every recipe file (path, mode and content), the suite, the image
/// size and the host's UML module versions: <c>&lt;cache&gt;/images/&lt;sha256&gt;/base.img</c>. A build runs in
/// <c>&lt;sha256&gt;.partial-&lt;pid&gt;/</c> and is renamed into place only when complete, so a failed or killed
/// build never leaves a half image; a build lock keeps two processes from building at once.
/// </summary>
internal sealed partial class ImageBuilder
{
    /// <summary>The image file name inside its cache directory.</summary>
    public const string ImageFileName = "base.img";

    /// <summary>The recipe's entry point.</summary>
    public const string ScriptName = "build-image.sh";

    /// <summary>What to do when a step of the recipe fails (data: the script's step names).</summary>
    public static readonly IReadOnlyDictionary<string, string> StepRemedies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["debootstrap"] = "check that the mirror {mirror} is reachable (`curl -sI {mirror}/dists/{suite}/Release`), or set SANCHAOS_MIRROR to one that is.",
        ["apt-sources"] = "check free space and that {cache} is writable.",
        ["apt-update"] = "check that the mirror {mirror} and the security mirror are reachable from this machine, or set SANCHAOS_MIRROR.",
        ["apt-install"] = "a package of lab/uml/packages-san.txt may be missing from {suite} (the log names it) or its download failed; fix the list or the mirror and run again.",
        ["uml-modules"] = "apt-get install -y user-mode-linux (its modules are copied into the image).",
        ["guest-files"] = "a file under lab/uml/guest/ could not be installed; the log names it.",
        ["units"] = "a line of lab/uml/units-off.txt names a unit that cannot be masked; fix the line.",
        ["ssh-host-keys"] = "ssh-keygen failed in the chroot; check that openssh-server installed (step apt-install).",
        ["cleanup"] = "check free space under {cache}.",
        ["pack"] = "mke2fs could not pack the rootfs: check free space under {cache} and that the rootfs fits in the image size ({size}).",
    };

    private static readonly TimeSpan LockPoll = TimeSpan.FromSeconds(2);
    private readonly UmlLabOptions _options;
    private readonly string _recipe;
    private readonly Lazy<string> _key;

    /// <summary>Creates a builder for the recipe in <paramref name="recipeDirectory"/>.</summary>
    public ImageBuilder(UmlLabOptions options, string recipeDirectory)
    {
        _options = options;
        _recipe = recipeDirectory;
        _key = new Lazy<string>(ComputeKey);
        (Mirror, Security) = ResolveMirrors(options);
    }

    /// <summary>The Debian mirror used.</summary>
    public string Mirror { get; }

    /// <summary>The security mirror used, or empty for none.</summary>
    public string Security { get; }

    /// <summary>SHA-256 of the recipe and its inputs: the cache entry's name.</summary>
    public string Key => _key.Value;

    /// <summary><c>&lt;cache&gt;/images</c>.</summary>
    public string ImagesDirectory => Path.Combine(_options.EffectiveCacheDirectory, "images");

    /// <summary>Where the image of this recipe lives once built.</summary>
    public string ImagePath => Path.Combine(ImagesDirectory, Key, ImageFileName);

    /// <summary>
    /// The recipe directory: <see cref="UmlLabOptions.RecipeDirectory"/>, else <c>$SANCHAOS_UML_RECIPE</c>, else
    /// <c>lab/uml</c> found walking up from the current directory and from the application's directory.
    /// </summary>
    public static string FindRecipe(UmlLabOptions options)
    {
        var explicitDir = options.RecipeDirectory ?? NonEmpty(Environment.GetEnvironmentVariable("SANCHAOS_UML_RECIPE"));
        if (explicitDir is not null)
        {
            if (File.Exists(Path.Combine(explicitDir, ScriptName))) return Path.GetFullPath(explicitDir);
            throw new SanChaosException($"The image recipe directory {explicitDir} has no {ScriptName}.",
                "point UmlLabOptions.RecipeDirectory or SANCHAOS_UML_RECIPE at the repository's lab/uml directory.");
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "lab", "uml");
                if (File.Exists(Path.Combine(candidate, ScriptName))) return candidate;
            }
        }

        throw new SanChaosException(
            $"The image recipe (lab/uml/{ScriptName}) was not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.",
            "run from inside the SanChaos repository, or set SANCHAOS_UML_RECIPE to its lab/uml directory.");
    }

    /// <summary>
    /// The Debian mirrors from <c>/etc/apt/sources.list</c> and <c>sources.list.d</c> (one-line and deb822 formats):
    /// the first <c>deb</c> source of <paramref name="suite"/> and of <c>&lt;suite&gt;-security</c>.
    /// </summary>
    public static (string? Mirror, string? Security) DetectMirrors(string suite, IEnumerable<string> sourceFiles)
    {
        var entries = new List<(string Uri, string[] Suites)>();
        foreach (var file in sourceFiles)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (file.EndsWith(".sources", StringComparison.Ordinal)) entries.AddRange(ParseDeb822(text));
            else entries.AddRange(ParseOneLine(text));
        }

        var mirror = entries.FirstOrDefault(e => e.Suites.Contains(suite)).Uri;
        var security = entries.FirstOrDefault(e => e.Suites.Contains(suite + "-security")).Uri;
        return (mirror?.TrimEnd('/'), security?.TrimEnd('/'));
    }

    /// <summary>The apt source files of this machine.</summary>
    public static IEnumerable<string> HostSourceFiles()
    {
        if (File.Exists("/etc/apt/sources.list")) yield return "/etc/apt/sources.list";
        if (!Directory.Exists("/etc/apt/sources.list.d")) yield break;
        foreach (var f in Directory.EnumerateFiles("/etc/apt/sources.list.d").Order(StringComparer.Ordinal))
            if (f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal))
                yield return f;
    }

    /// <summary>Returns the cached image, or builds it.</summary>
    /// <param name="step">Called with each step name as the build reaches it.</param>
    /// <param name="ct">Cancels the build: its processes are killed and the partial build removed.</param>
    public async Task<UmlImage> EnsureAsync(Action<string> step, CancellationToken ct)
    {
        var started = _options.Time.GetTimestamp();
        if (File.Exists(ImagePath)) return new UmlImage(ImagePath, Key, true, TimeSpan.Zero);
        Directory.CreateDirectory(ImagesDirectory);
        step("waiting for the image build lock");
        using var buildLock = await AcquireLockAsync(ct).ConfigureAwait(false);
        if (File.Exists(ImagePath)) return new UmlImage(ImagePath, Key, true, _options.Time.GetElapsedTime(started));
        await RemoveStalePartialsAsync(ct).ConfigureAwait(false);

        var partial = Path.Combine(ImagesDirectory, $"{Key}.partial-{Environment.ProcessId}");
        var failedLog = Path.Combine(ImagesDirectory, $"{Key}.failed.log");
        Directory.CreateDirectory(partial);
        var log = Path.Combine(partial, "build.log");
        var succeeded = false;
        try
        {
            var (exit, lastStep, timedOut) = await RunScriptAsync(partial, log, step, ct).ConfigureAwait(false);
            var elapsed = _options.Time.GetElapsedTime(started);
            if (exit != 0 || !File.Exists(Path.Combine(partial, ImageFileName)))
            {
                File.Copy(log, failedLog, overwrite: true);
                throw BuildFailed(lastStep, exit, timedOut, elapsed, failedLog);
            }

            await RemoveTreeAsync(Path.Combine(partial, "work"), ct).ConfigureAwait(false);
            Directory.Move(partial, Path.GetDirectoryName(ImagePath)!);
            succeeded = true;
            if (File.Exists(failedLog)) File.Delete(failedLog);
            return new UmlImage(ImagePath, Key, false, elapsed);
        }
        finally
        {
            if (!succeeded) await RemoveTreeAsync(partial, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<(int Exit, string LastStep, bool TimedOut)> RunScriptAsync(string partial, string log, Action<string> step, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(Path.Combine(_recipe, ScriptName));
        psi.Environment["WORK"] = Path.Combine(partial, "work");
        psi.Environment["OUT"] = Path.Combine(partial, ImageFileName);
        psi.Environment["MIRROR"] = Mirror;
        psi.Environment["SECURITY"] = Security;
        psi.Environment["SUITE"] = _options.Suite;
        psi.Environment["UML_MODULES"] = _options.ModulesDirectory;
        psi.Environment["IMAGE_SIZE"] = _options.ImageSize;
        psi.Environment["PKG_CACHE"] = Path.Combine(_options.EffectiveCacheDirectory, "packages");
        psi.Environment["RECIPE_STAMP"] = Key;
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        psi.Environment["PATH"] = string.Join(':',
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(UmlPreflight.ExtraSearchPath).Distinct());

        var lastStep = "start";
        var gate = new Lock();
        await using var writer = new StreamWriter(log, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        using var process = Process.Start(psi) ?? throw new SanChaosException("Could not start /bin/sh for the image build.", "check that /bin/sh exists.");
        process.StandardInput.Close();

        async Task Pump(StreamReader reader, bool isStdout)
        {
            while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                lock (gate) writer.WriteLine(line);
                if (isStdout && line.StartsWith("::step ", StringComparison.Ordinal))
                {
                    lastStep = line["::step ".Length..].Trim();
                    step(lastStep);
                }
            }
        }

        var pumps = Task.WhenAll(Pump(process.StandardOutput, true), Pump(process.StandardError, false));
        using var deadline = new CancellationTokenSource(_options.ImageBuildTimeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already gone.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await pumps.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return (timedOut ? -1 : process.ExitCode, lastStep, timedOut);
    }

    private SanChaosException BuildFailed(string step, int exit, bool timedOut, TimeSpan elapsed, string logPath)
    {
        var lines = File.ReadAllLines(logPath);
        var tail = lines.Length > 30 ? lines[^30..] : lines;
        var packages = lines.SelectMany(l => PackageErrorPattern().Matches(l)).Select(m => m.Groups["pkg"].Value)
            .Where(p => p.Length > 0).Distinct().ToArray();
        var what = timedOut
            ? $"did not finish within {_options.ImageBuildTimeout.TotalMinutes:0} minutes"
            : $"exit {exit}";
        var remedy = StepRemedies.TryGetValue(step, out var r) ? r : "read the build log; it names the failing command.";
        remedy = remedy.Replace("{mirror}", Mirror, StringComparison.Ordinal)
            .Replace("{suite}", _options.Suite, StringComparison.Ordinal)
            .Replace("{cache}", _options.EffectiveCacheDirectory, StringComparison.Ordinal)
            .Replace("{size}", _options.ImageSize, StringComparison.Ordinal);
        return new SanChaosException(
            $"Building the lab image failed at step '{step}' ({what}) after {elapsed.TotalSeconds:0} s" +
            (packages.Length > 0 ? $"; package(s) named in the errors: {string.Join(", ", packages)}" : "") +
            $".{Environment.NewLine}Last lines of the build log ({logPath}):{Environment.NewLine}  " +
            string.Join(Environment.NewLine + "  ", tail),
            remedy);
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken ct)
    {
        var path = Path.Combine(ImagesDirectory, ".build.lock");
        FileStream? held = null;
        await Wait.UntilAsync("the image build lock is free (another SanChaos process is building the image)",
            _ =>
            {
                try
                {
                    held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return Task.FromResult(Probe.Yes("acquired"));
                }
                catch (IOException e)
                {
                    return Task.FromResult(Probe.No(e.Message));
                }
            },
            _options.ImageBuildTimeout, LockPoll, _options.Time,
            $"wait for the other build to finish, or remove {path} if no SanChaos process runs.", ct).ConfigureAwait(false);
        return held!;
    }

    private async Task RemoveStalePartialsAsync(CancellationToken ct)
    {
        // We hold the build lock: any partial build left is from a process that died.
        foreach (var dir in Directory.EnumerateDirectories(ImagesDirectory, "*.partial-*"))
            await RemoveTreeAsync(dir, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a directory tree without ever crossing into another mounted file system.</summary>
    private static async Task RemoveTreeAsync(string path, CancellationToken ct)
    {
        if (!Directory.Exists(path)) return;
        await HostCommand.RunCheckedAsync(["rm", "-rf", "--one-file-system", "--", path], timeout: TimeSpan.FromMinutes(5), ct: ct,
            remedy: $"remove {path} by hand (check `findmnt` for mounts below it first).").ConfigureAwait(false);
    }

    private string ComputeKey()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => sha.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Add("sanchaos-uml-image/1");
        Add("suite=" + _options.Suite);
        Add("size=" + _options.ImageSize);
        foreach (var v in Directory.EnumerateDirectories(_options.ModulesDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            Add("uml-modules=" + v);
        foreach (var file in Directory.EnumerateFiles(_recipe, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(_recipe, f).Replace('\\', '/'))
                     .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(_recipe, file);
            var exec = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
            Add($"file={file} exec={exec}");
            sha.AppendData(File.ReadAllBytes(full));
            Add("");
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The Debian mirror images and fetched kernels come from (<see cref="UmlLabOptions.Mirror"/>'s rules).</summary>
    public static string DebianMirror(string? explicitMirror = null) => ResolveMirrors(new UmlLabOptions { Mirror = explicitMirror }).Mirror;

    private static (string Mirror, string Security) ResolveMirrors(UmlLabOptions options)
    {
        var (hostMirror, hostSecurity) = DetectMirrors(options.Suite, HostSourceFiles());
        var mirror = options.Mirror ?? NonEmpty(Environment.GetEnvironmentVariable("SANCHAOS_MIRROR")) ?? hostMirror ?? "http://deb.debian.org/debian";
        var security = NonEmpty(Environment.GetEnvironmentVariable("SANCHAOS_SECURITY_MIRROR")) ?? hostSecurity ?? "http://deb.debian.org/debian-security";
        return (mirror, security);
    }

    private static IEnumerable<(string Uri, string[] Suites)> ParseOneLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal)) continue;
            var rest = line[4..].Trim();
            if (rest.StartsWith('['))
            {
                var end = rest.IndexOf(']', StringComparison.Ordinal);
                if (end < 0) continue;
                rest = rest[(end + 1)..].Trim();
            }

            var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2) yield return (parts[0], [parts[1]]);
        }
    }

    private static IEnumerable<(string Uri, string[] Suites)> ParseDeb822(string text)
    {
        foreach (var stanza in text.Replace("\r", "", StringComparison.Ordinal).Split("\n\n"))
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in stanza.Split('\n'))
            {
                if (raw.StartsWith('#') || raw.StartsWith(' ')) continue;
                var colon = raw.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) fields[raw[..colon].Trim()] = raw[(colon + 1)..].Trim();
            }

            if (!fields.TryGetValue("Types", out var types) || !types.Split(' ').Contains("deb")) continue;
            if (fields.TryGetValue("Enabled", out var enabled) && enabled.Equals("no", StringComparison.OrdinalIgnoreCase)) continue;
            if (!fields.TryGetValue("URIs", out var uris) || !fields.TryGetValue("Suites", out var suites)) continue;
            var suiteList = suites.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var uri in uris.Split(' ', StringSplitOptions.RemoveEmptyEntries)) yield return (uri, suiteList);
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    [GeneratedRegex(@"(Unable to locate package |Package '|has no installation candidate|dpkg: error processing package |Couldn't download package[s]?: )(?<pkg>[A-Za-z0-9.+-]*)")]
    private static partial Regex PackageErrorPattern();
}
