using System.Diagnostics;

namespace SanChaos.Reporting.Tests.Html;

/// <summary>Debian's headless Chromium (package chromium), a fresh profile per call, no network but the given URL.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>The page's DOM after its scripts ran (<c>--dump-dom</c>).</summary>
    public static string DumpDom(string url) => Run(url, "--dump-dom");

    /// <summary>A screenshot of the page.</summary>
    public static void Screenshot(string url, string png, int width = 1400, int height = 2400) =>
        Run(url, $"--screenshot={png}", $"--window-size={width},{height}");

    private static string Run(string url, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("sanchaos-chromium-");
        try
        {
            var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=10000",
                     }.Concat(extra).Append(url))
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                throw new TimeoutException($"chromium did not finish within 90 s: {stderr.Result}");
            }

            if (p.ExitCode != 0) throw new InvalidOperationException($"chromium exited {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
