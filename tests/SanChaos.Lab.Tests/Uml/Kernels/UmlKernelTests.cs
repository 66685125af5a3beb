using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Inventory.Model;
using SanChaos.Labs.Provisioning;
using SanChaos.Labs.Uml.Kernels;
using Xunit;

namespace SanChaos.Lab.Tests.Uml.Kernels;

public sealed class UmlKernelTests
{
    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(Core.Repository.Root(), "tests", "SanChaos.Lab.Tests", "Uml", "Kernels", "Samples", name));

    [Fact]
    public void Every_kernel_an_inventory_may_name_is_in_the_builds_file()
    {
        var specs = UmlKernelSpec.All(SutData.FromDirectory(Path.Combine(Core.Repository.Root(), "lab", "sut")));
        specs.Select(s => s.Name).Should().BeEquivalentTo(SutBuild.Kernels);
        specs.Single(s => s.Name == "6.1").Should().Match<UmlKernelSpec>(s => s.Source == "host" && !s.Libc && s.Arguments.Count == 0);
        var seccomp = specs.Single(s => s.Name == "7.2-seccomp");
        seccomp.Should().Match<UmlKernelSpec>(s => s.Source == "debian" && s.Suite == "sid" && s.Libc && s.VersionPrefix == "7.2");
        seccomp.Arguments.Should().Equal("seccomp=on");
    }

    [Fact]
    public void An_unknown_kernel_lists_the_kernels_that_exist()
    {
        var e = FluentActions.Invoking(() => UmlKernelSpec.Find("8.0")).Should().Throw<SanChaosException>().Which;
        e.Problem.Should().Contain("no node kernel '8.0'");
        e.Remedy.Should().Contain("6.1, 7.2, 7.2-seccomp");
    }

    [Fact]
    public void A_kernel_on_the_hosts_libc_starts_directly_and_one_on_a_fetched_libc_swaps_it_in_one_bind_mount_then_execs_in_place()
    {
        new UmlKernel("6.1", "6.1.176", "/usr/bin/linux.uml", "/usr/lib/uml/modules", null, []).Command(["mem=192M"])
            .Should().Equal("/usr/bin/linux.uml", "mem=192M");

        var k = new UmlKernel("7.2-seccomp", "7.2um1", "/k/usr/bin/linux.uml", "/k/usr/lib/uml/modules", "/k/usr/lib/x86_64-linux-gnu", ["seccomp=on"]);
        var argv = k.Command(["mem=192M"]);
        argv.Take(4).Should().Equal("unshare", "--mount", "--propagation", "private");
        argv[6].Should().Be("mount --bind \"$0\" /usr/lib/x86_64-linux-gnu && exec \"$@\"");
        argv.Skip(7).Should().Equal("/k/usr/lib/x86_64-linux-gnu", "/k/usr/bin/linux.uml", "mem=192M", "seccomp=on");
    }

    [Fact]
    public void The_signed_release_file_gives_each_index_its_sha256_not_its_md5()
    {
        var hashes = DebianIndex.ReleaseHashes(Sample("sid-InRelease-verified-excerpt.recorded.txt"));
        hashes.Should().HaveCount(3);
        hashes["main/binary-amd64/Packages.gz"].Should().Be(("71e56f90ea26af14cd741b6a958f8e0d8eb64ee3f0271c29ae8506d53616e2f6", 15001303L));
    }

    [Fact]
    public void The_packages_index_gives_the_kernel_and_libc_with_version_file_and_hash()
    {
        using var reader = new StringReader(Sample("sid-Packages-excerpt.recorded.txt"));
        var entries = DebianIndex.Packages(reader, new HashSet<string> { "user-mode-linux", "libc6", "libgcc-s1" });
        entries.Select(e => e.Package).Should().BeEquivalentTo("user-mode-linux", "libc6", "libgcc-s1");
        var uml = entries.Single(e => e.Package == "user-mode-linux");
        uml.Version.Should().Be("7.2um1");
        uml.Filename.Should().Be("pool/main/u/user-mode-linux/user-mode-linux_7.2um1_amd64.deb");
        uml.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        uml.Size.Should().Be(36430088);
        entries.Single(e => e.Package == "libc6").Version.Should().Be("2.43-7");
    }

    [Fact]
    public void A_cached_kernel_is_used_without_the_network_and_a_partial_fetch_is_not_a_kernel()
    {
        var cache = Directory.CreateTempSubdirectory("sanchaos-kernels-").FullName;
        try
        {
            var spec = UmlKernelSpec.Find("7.2-seccomp", SutData.FromDirectory(Path.Combine(Core.Repository.Root(), "lab", "sut")));
            var fetcher = new UmlKernelFetcher(cache, mirror: "http://127.0.0.1:9/unreachable");
            Directory.CreateDirectory(Path.Combine(cache, "sid-user-mode-linux-7.2um1.partial-42"));
            fetcher.Cached(spec).Should().BeNull();

            var dir = Path.Combine(cache, "sid-user-mode-linux-7.2um1");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "sanchaos-kernel.json"), """{"version":"7.2um1","suite":"sid"}""");
            var k = fetcher.Cached(spec)!;
            k.Version.Should().Be("7.2um1");
            k.Binary.Should().Be(Path.Combine(dir, "usr/bin/linux.uml"));
            k.LibraryDirectory.Should().Be(Path.Combine(dir, "usr/lib/x86_64-linux-gnu"));
            k.Arguments.Should().Equal("seccomp=on");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_kernel_that_cannot_be_fetched_names_the_url_and_leaves_nothing_in_the_cache()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"sanchaos-kernels-{Guid.NewGuid():N}");
        try
        {
            var spec = UmlKernelSpec.Find("7.2", SutData.FromDirectory(Path.Combine(Core.Repository.Root(), "lab", "sut")));
            var e = await FluentActions.Awaiting(() => new UmlKernelFetcher(cache, mirror: "http://127.0.0.1:9/debian").EnsureAsync(spec, TestContext.Current.CancellationToken))
                .Should().ThrowAsync<SanChaosException>();
            e.Which.Problem.Should().StartWith("GET http://127.0.0.1:9/debian/dists/sid/InRelease failed");
            e.Which.Remedy.Should().Contain("SANCHAOS_MIRROR");
            (Directory.Exists(cache) ? Directory.EnumerateFileSystemEntries(cache) : []).Should().BeEmpty();
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
