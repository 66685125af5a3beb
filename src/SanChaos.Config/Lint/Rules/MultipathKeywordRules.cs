namespace SanChaos.Config.Lint.Rules;

/// <summary><c>mpath.obsolete-keyword</c>: keywords of the seeds' multipath-tools 0.4 that today's multipathd ignores.</summary>
internal sealed class ObsoleteKeywordRule() : ConfigRule("mpath.obsolete-keyword", "no multipath.conf keyword that multipath-tools no longer knows")
{
    /// <summary>Keyword to (what multipathd does with it, what to write instead).</summary>
    private static readonly Dictionary<string, (string Status, string Use)> Keywords = new(StringComparer.Ordinal)
    {
        ["udev_dir"] = (Removed, "nothing (udev's /dev is used)"),
        ["selector"] = (Removed, "`path_selector \"round-robin 0\"`"),
        ["getuid_callout"] = (Removed, "`uid_attribute ID_SERIAL` (the WWID comes from udev)"),
        ["prio_callout"] = (Removed, "`prio const` (or alua)"),
        ["pg_timeout"] = (Removed, "nothing"),
        ["default_selector"] = (Removed, "`path_selector`"),
        ["default_path_grouping_policy"] = (Removed, "`path_grouping_policy`"),
        ["default_getuid_callout"] = (Removed, "`uid_attribute`"),
        ["default_prio_callout"] = (Removed, "`prio`"),
        ["default_features"] = (Removed, "`features`"),
        ["default_path_checker"] = (Removed, "`path_checker`"),
        ["rr_min_io"] = ("applies to bio-based maps only, and every map is request-based since Linux 2.6.31: multipathd uses rr_min_io_rq (default 1)", "`rr_min_io_rq`"),
    };

    private const string Removed = "multipath-tools 0.9 does not know it: multipathd logs \"unknown keyword\" and ignores the line";

    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var mp in context.Config.Clients.Select(c => c.Multipath).OfType<Multipath.MultipathConf>())
        {
            foreach (var e in Walk(mp.Root).Where(e => Keywords.ContainsKey(e.Key)))
                yield return Found(Severity.Warning, e.Location, $"`{e.Text}`: {Keywords[e.Key].Status}",
                    "The setting the seeds rely on is silently replaced by the built-in default (or the hardware table's).",
                    $"Use {Keywords[e.Key].Use}.");
        }
    }

    private static IEnumerable<Parsing.ConfigEntry> Walk(Parsing.ConfigSection s) => s.Entries.Concat(s.Sections.SelectMany(Walk));
}

/// <summary><c>mpath.blacklist-pattern</c>: devnode patterns that cannot match the devices they are meant for.</summary>
internal sealed class BlacklistPatternRule() : ConfigRule("mpath.blacklist-pattern", "blacklist devnode patterns that match device names")
{
    private static readonly string[] DeviceNames =
        ["sda", "sdb", "sdc1", "hda", "hdb", "hdc1", "md0", "md3", "dm-0", "loop0", "ram0", "raw1", "fd0", "sr0", "scd0", "st0", "nbd0", "zram0", "ubda", "drbd0", "nvme0n1", "vda", "xvda", "dasda"];

    public override IEnumerable<Finding> Check(LintContext context)
    {
        foreach (var mp in context.Config.Clients.Select(c => c.Multipath).OfType<Multipath.MultipathConf>())
        {
            foreach (var e in mp.Root.All("blacklist").Concat(mp.Root.All("blacklist_exceptions")).SelectMany(s => s.Entries).Where(e => e.Key == "devnode"))
            {
                var regex = Parsing.Patterns.TryCompile(e.Value);
                if (regex is null)
                    yield return Found(Severity.Warning, e.Location, $"devnode \"{e.Value}\" is not a valid regular expression",
                        "multipathd ignores the pattern: the devices it was meant to hide are multipathed.", "Write a valid extended regular expression.");
                else if (!DeviceNames.Any(regex.IsMatch))
                    yield return Found(Severity.Warning, e.Location, $"devnode \"{e.Value}\" matches no device name (tried {string.Join(", ", DeviceNames.Take(6))}, ...)",
                        "The pattern hides nothing: the devices it was written for are multipathed (a local IDE disk becomes a map, and its I/O follows multipath's failure policy).",
                        "Fix the expression, e.g. \"^hd[a-z]\" for IDE disks (a '[' inside brackets and a stray ']' make it require a literal ']').");
            }
        }
    }
}
