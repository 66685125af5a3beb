using SanChaos.Inventory.Model;

namespace SanChaos.Labs.Provisioning;

/// <summary>
/// Turns an inventory into every node's configuration files: the one source of truth for the SAN's
/// configuration, shared by the embedded, Vagrant and hardware labs. Templates, destinations and modes are
/// data in lab/sut (files.yaml, templates/); this class only fills them.
/// </summary>
/// <remarks>
/// Storage nodes get DRBD (global_common.conf, the resource), lvmlocal.conf, Heartbeat (ha.cf, authkeys
/// mode 0600, haresources), the arp_filter init script, and the target's resource script and configuration:
/// <c>implementation: lio</c> the lio-target script and lio-target.conf (with CHAP also lio-target.chap, mode 0600),
/// <c>implementation: tgt</c> the tgt-target script and /etc/tgt/conf.d/sanchaos.conf (mode 0600). Clients get
/// iscsid.conf (mode 0600, with the CHAP settings when there are any), initiatorname.iscsi and multipath.conf with the
/// LUN's WWID (<see cref="LioWwid"/>, <see cref="TgtWwid"/>). Which file a node gets is files.yaml's <c>when:</c>.
/// </remarks>
public sealed class SutRenderer
{
    private readonly SutData data;
    private readonly CommandCatalog catalog;
    private readonly IReadOnlyDictionary<NodeRole, IReadOnlyList<ManifestEntry>> manifest;

    /// <summary>Creates a renderer.</summary>
    /// <param name="data">The lab/sut data set; default <see cref="SutData.Default"/>.</param>
    /// <param name="catalog">The command catalog (named values); default: read from <paramref name="data"/>.</param>
    public SutRenderer(SutData? data = null, CommandCatalog? catalog = null)
    {
        this.data = data ?? SutData.Default;
        this.catalog = catalog ?? (data is null ? CommandCatalog.Default : CommandCatalog.Load(this.data));
        manifest = FileManifest.Load(this.data);
    }

    /// <summary>The command catalog the renderer uses.</summary>
    public CommandCatalog Catalog => catalog;

    /// <summary>Renders every node's files.</summary>
    /// <param name="inventory">The validated inventory.</param>
    /// <param name="wwid">The LUN WWID as read on the client; null = computed from the unit serial.</param>
    public RenderedSut Render(LabInventory inventory, string? wwid = null)
    {
        var nodes = inventory.Nodes.ToDictionary(n => n.Name, n => RenderNode(inventory, n.Name, wwid), StringComparer.Ordinal);
        return new RenderedSut(inventory.Name, SutValues.For(inventory, null, catalog, wwid).Wwid, nodes);
    }

    /// <summary>Renders the files of one node.</summary>
    /// <param name="inventory">The validated inventory.</param>
    /// <param name="node">The node's name.</param>
    /// <param name="wwid">The LUN WWID as read on the client; null = computed from the unit serial.</param>
    public IReadOnlyList<SutFile> RenderNode(LabInventory inventory, string node, string? wwid = null)
    {
        var spec = inventory.Node(node);
        var values = SutValues.For(inventory, node, catalog, wwid);
        return manifest[spec.Role].Where(e => e.AppliesTo(values)).Select(e =>
        {
            var name = "templates/" + e.Template;
            var text = data.ReadText(name);
            var content = e.Verbatim ? text : TemplateEngine.Render(text, values, name, e.JoinContinuations);
            var path = TemplateEngine.RenderLine(e.Path, values, $"{FileManifest.FileName} path of {e.Template}");
            return new SutFile(path, content, e.Mode, e.Template);
        }).ToArray();
    }
}
