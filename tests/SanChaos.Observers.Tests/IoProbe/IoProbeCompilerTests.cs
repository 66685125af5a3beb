using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using SanChaos.Core.Commands;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Remote;
using SanChaos.Observers.IoProbe;
using Xunit;

namespace SanChaos.Observers.Tests.IoProbe;

/// <summary>The host's gcc builds the probe into the cache (needs gcc and libc6-dev, as the harness does).</summary>
[Trait("Category", "unit")]
public sealed class IoProbeCompilerTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "sanchaos-test-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Builds_the_embedded_source_once_then_finds_it_in_the_cache()
    {
        var first = await IoProbeCompiler.BuildAsync(_cache, Ct);
        var built = File.GetLastWriteTimeUtc(first.Path);
        var second = await IoProbeCompiler.BuildAsync(_cache, Ct);

        second.Should().Be(first);
        File.GetLastWriteTimeUtc(second.Path).Should().Be(built, "an unchanged source is not compiled again");
        var source = SutData.Default.ReadText(IoProbeCompiler.SourceName);
        first.Key.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("-O2 -static -Wall -Werror -s\n" + source))));
        first.Path.Should().Be(Path.Combine(_cache, "tools", first.Key, "sanchaos-ioprobe"));
        first.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(first.Path, Ct))));
        Directory.GetFiles(Path.GetDirectoryName(first.Path)!).Select(Path.GetFileName).Should().BeEquivalentTo("sanchaos-ioprobe", "sanchaos-ioprobe.c");
        (await HostCommand.RunAsync([first.Path, "--version"], ct: Ct)).Should().Be(new CommandResult(0, "sanchaos-ioprobe 2\n", ""));
    }

    [Fact]
    public async Task Builds_running_at_once_agree_and_leave_no_temporary_file()
    {
        var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => IoProbeCompiler.BuildAsync(_cache, Ct)));

        all.Distinct().Should().ContainSingle();
        Directory.GetFiles(Path.GetDirectoryName(all[0].Path)!).Select(Path.GetFileName).Should().BeEquivalentTo("sanchaos-ioprobe", "sanchaos-ioprobe.c");
    }

    [Fact]
    public async Task A_changed_source_is_built_under_its_own_key()
    {
        var a = await IoProbeCompiler.BuildAsync("int main(void) { return 0; }\n", _cache, Ct);
        var b = await IoProbeCompiler.BuildAsync("int main(void) { return 1; }\n", _cache, Ct);

        b.Key.Should().NotBe(a.Key);
        b.Sha256.Should().NotBe(a.Sha256);
        (await HostCommand.RunAsync([b.Path], ct: Ct)).ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task A_source_that_does_not_compile_fails_with_gccs_message_and_leaves_nothing()
    {
        var act = () => IoProbeCompiler.BuildAsync("int main(void) { int unused; return 0; }\n", _cache, Ct);

        var e = (await act.Should().ThrowAsync<CommandFailedException>()).Which;
        e.Where.Should().Be("host");
        e.Message.Should().Contain("unused variable").And.Contain("gcc -O2 -static -Wall -Werror -s");
        e.Remedy.Should().Contain("lab/sut/tools/");
        Directory.GetFiles(Path.Combine(_cache, "tools"), "*", SearchOption.AllDirectories).Should().BeEmpty();
    }
}
