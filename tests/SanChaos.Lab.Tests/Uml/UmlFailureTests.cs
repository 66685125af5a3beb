using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Uml;
using Xunit;

namespace SanChaos.Lab.Tests.Uml;

/// <summary>Failures say what failed and how to fix it, and leave nothing half-made: an image build against an
/// unreachable mirror, a node whose kernel dies at once.</summary>
[Trait("Category", "lab")]
[Collection(LabCollection.Name)]
public sealed class UmlFailureTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_image_build_names_the_step_shows_the_log_and_leaves_no_half_image()
    {
        var cache = Directory.CreateTempSubdirectory("sanchaos-cache-");
        try
        {
            var options = new UmlLabOptions { CacheDirectory = cache.FullName, Mirror = "http://127.0.0.1:9/debian" };
            var act = () => UmlLab.EnsureImageAsync(options, ct: Ct);
            var e = (await act.Should().ThrowAsync<SanChaosException>()).Which;
            output.WriteLine(e.Message);
            e.Problem.Should().Contain("failed at step 'debootstrap'").And.Contain("Last lines of the build log");
            e.Remedy.Should().Contain("http://127.0.0.1:9/debian").And.Contain("SANCHAOS_MIRROR");
            var images = Path.Combine(cache.FullName, "images");
            Directory.EnumerateDirectories(images).Should().BeEmpty("no image directory, complete or partial, is left");
            Directory.EnumerateFiles(images, "*.failed.log").Should().ContainSingle();
            UmlLab.ImageLocation(options).Built.Should().BeFalse();
        }
        finally
        {
            cache.Delete(true);
        }
    }

    [Fact]
    public async Task A_node_whose_kernel_dies_fails_the_up_with_its_console_and_the_up_cleans_up()
    {
        var before = await HostNetworkSnapshot.TakeAsync(Ct);
        var key = await UmlLab.EnsureSshKeyAsync(UmlLab.DefaultSshKeyFile, Ct);
        var runId = "f" + Guid.NewGuid().ToString("N")[..7];
        var topology = new UmlTopology(runId, [new("management")],
            [new("gamma", 128, [new("eth0", "52:54:00:0a:00:01", "management", "172.16.10.1/24")])],
            "management", "172.16.10.254/24", key);
        // A "kernel" that exits at once with a message on its console.
        var fake = Path.Combine(Path.GetTempPath(), $"sanchaos-fake-kernel-{runId}");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'Kernel panic - not syncing: fake kernel for a test'\nexit 1\n", Ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await using var lab = UmlLab.Create(topology, new UmlLabOptions { SshPrivateKeyFile = UmlLab.DefaultSshKeyFile, UmlKernel = fake });
            var act = () => lab.UpAsync(Ct);
            var e = (await act.Should().ThrowAsync<UmlBootException>()).Which;
            output.WriteLine(e.Message);
            e.Node.Should().Be("gamma");
            e.ConsoleTail.Should().Contain("Kernel panic - not syncing: fake kernel for a test");
            lab.IsUp.Should().BeFalse();
            File.Exists(e.ConsoleLog).Should().BeTrue("the console log of a failed up stays until the next up or down");
            var runDir = Path.Combine(UmlLabOptions.DefaultRunsDirectory, runId);
            Directory.EnumerateFileSystemEntries(runDir).Select(Path.GetFileName).Should().Equal("console");
            (await LabLeftovers.FindAsync(runId, UmlLabOptions.DefaultRunsDirectory, [], before, Ct))
                .Should().OnlyContain(l => l.StartsWith("run directory", StringComparison.Ordinal), "only the console log is left");
            (await UmlLab.ReapAsync(ct: Ct)).Should().Contain(l => l.Contains(runId, StringComparison.Ordinal));
            Directory.Exists(runDir).Should().BeFalse("the next up or down reaps it");
        }
        finally
        {
            File.Delete(fake);
        }
    }
}
