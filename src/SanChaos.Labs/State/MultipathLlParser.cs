using System.Globalization;
using SanChaos.Labs.Provisioning;

namespace SanChaos.Labs.State;

/// <summary>Parses <c>multipath -ll</c> (multipath-tools 0.9 layout; patterns <c>multipath_ll_*</c>).</summary>
public static class MultipathLlParser
{
    /// <summary>Every map with its groups and paths; unknown lines (size=..., warnings) are ignored.</summary>
    public static IReadOnlyList<MultipathMap> Parse(string text, CommandCatalog? catalog = null)
    {
        catalog ??= CommandCatalog.Default;
        var mapRe = catalog.Pattern("multipath_ll_map");
        var groupRe = catalog.Pattern("multipath_ll_group");
        var pathRe = catalog.Pattern("multipath_ll_path");
        var maps = new List<MultipathMap>();
        var groups = new List<MultipathPathGroup>();
        var paths = new List<MultipathMapPath>();

        void CloseGroup()
        {
            if (groups.Count > 0) groups[^1] = groups[^1] with { Paths = paths.ToArray() };
            paths = [];
        }

        void CloseMap()
        {
            CloseGroup();
            if (maps.Count > 0) maps[^1] = maps[^1] with { Groups = groups.ToArray() };
            groups = [];
        }

        foreach (var line in OutputLines.Of(text))
        {
            if (groupRe.Match(line) is { Success: true } g)
            {
                CloseGroup();
                groups.Add(new MultipathPathGroup(g.Groups["policy"].Value, int.Parse(g.Groups["prio"].Value, CultureInfo.InvariantCulture),
                    g.Groups["status"].Value, []));
                continue;
            }

            if (pathRe.Match(line) is { Success: true } p)
            {
                if (groups.Count == 0) continue;
                paths.Add(new MultipathMapPath(p.Groups["hcil"].Value, p.Groups["dev"].Value, p.Groups["majmin"].Value,
                    p.Groups["dm"].Value, p.Groups["checker"].Value, p.Groups["online"].Value));
                continue;
            }

            if (mapRe.Match(line) is { Success: true } m)
            {
                CloseMap();
                var name = m.Groups["name"].Value;
                maps.Add(new MultipathMap(name, m.Groups["wwid"].Success ? m.Groups["wwid"].Value : name, m.Groups["dm"].Value,
                    m.Groups["vendor"].Value.Trim(), m.Groups["product"].Value.Trim(), []));
            }
        }

        CloseMap();
        return maps;
    }
}
