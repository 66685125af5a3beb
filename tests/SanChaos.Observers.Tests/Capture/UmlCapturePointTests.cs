using FluentAssertions;
using SanChaos.Core.Errors;
using SanChaos.Labs.Capabilities;
using SanChaos.Labs.Uml;
using SanChaos.Observers.Capture;
using Xunit;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>Where the capture listens on the embedded lab: computed from the lab's topology, nothing started.</summary>
[Trait("Category", "unit")]
public sealed class UmlCapturePointTests : IDisposable
{
    private readonly string _runs = Directory.CreateTempSubdirectory("sanchaos-runs-").FullName;

    public void Dispose() => Directory.Delete(_runs, recursive: true);

    // Never brought up nor disposed: DownAsync would reap other runs' leftovers on this machine.
    private IUmlLab Lab() => UmlLab.Create(UmlTopology.SeedSan("captest", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI test"), new UmlLabOptions { RunsDirectory = _runs });

    [Fact]
    public void Listens_on_the_storage_bridges_inside_the_labs_namespace()
    {
        var lab = Lab();

        var a = CapturePoint.AtSite(lab.Topology.CaptureSites().Single(s => s.Network == "storage-a"));

        a.Should().BeEquivalentTo(new { Network = "storage-a", Namespace = "sanchaos-captest", Interface = "scb-storage-a", Host = (object?)null });
        a.ToString().Should().Be("scb-storage-a in namespace sanchaos-captest");
        lab.BridgeDevice("storage-b").Should().Be("scb-storage-b");
        lab.BridgeDevice("replication").Should().Be("scb-replication", "15 characters: still fits Linux's limit");
    }

    [Fact]
    public void An_unknown_network_is_refused_naming_the_bridges()
    {
        var act = () => Lab().BridgeDevice("storage-c");

        act.Should().Throw<SanChaosException>().WithMessage("*no bridge 'storage-c'*management, replication, storage-a, storage-b*");
    }

    [Fact]
    public void Options_for_the_lab_name_nodes_by_the_topologys_macs()
    {
        var lab = Lab();
        var inv = CaptureFixtures.Embedded();

        var options = CaptureObserverOptions.ForSites(new TopologySites(lab.Topology));

        options.PointFor(inv.Network("storage-b")).Interface.Should().Be("scb-storage-b");
        options.Macs!.NodeOf(CaptureFixtures.WeaselB).Should().Be("weasel");
        options.Macs.OwnerOf("52:54:00:03:02:01").Should().Be(("badger", "eth1"));
    }

    [Fact]
    public void A_network_the_lab_has_no_site_for_is_refused_naming_the_sites()
    {
        var options = CaptureObserverOptions.ForSites(new TopologySites(Lab().Topology));

        var act = () => options.PointFor(CaptureFixtures.Embedded().Network("storage-b") with { Name = "storage-c" });

        act.Should().Throw<SanChaosException>().WithMessage("*no capture site for network 'storage-c'*storage-a, storage-b*");
    }

    /// <summary>The capability as the embedded lab kind offers it (IEmbeddedLabView), from a topology alone.</summary>
    private sealed class TopologySites(UmlTopology topology) : ICaptureSites
    {
        public IReadOnlyList<CaptureSite> CaptureSites => topology.CaptureSites();

        public IReadOnlyList<InterfaceOwner> Interfaces => topology.InterfaceOwners();
    }
}
