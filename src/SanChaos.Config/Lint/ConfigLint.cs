using SanChaos.Config.Budget;
using SanChaos.Config.Lint.Rules;

namespace SanChaos.Config.Lint;

/// <summary>
/// The configuration lint: every rule run over a SAN's configuration. Rules (ids):
/// config.syntax, hb.two-paths, hb.directive-order, hb.deadtime-keepalive, hb.warntime, hb.initdead, hb.deadtime-drbd,
/// hb.authkeys-mode, hb.authkeys-identical, hb.authkeys-key, hb.haresources-identical, hb.haresources-continuation,
/// hb.nodes, hb.hacf-identical, drbd.fencing, drbd.after-sb, drbd.protocol, drbd.host-section, drbd.identical,
/// lvm.filter, net.arp-filter, iscsi.target-auth, iscsi.records-stale, iscsi.replacement-timeout, mpath.no-path-retry,
/// mpath.obsolete-keyword, mpath.blacklist-pattern.
/// </summary>
public static class ConfigLint
{
    /// <summary>Every rule, in the order findings are reported within a severity.</summary>
    public static IReadOnlyList<IConfigRule> Rules { get; } =
    [
        new SyntaxRule(),
        new HeartbeatPathsRule(),
        new DirectiveOrderRule(),
        new DeadtimeKeepaliveRule(),
        new WarntimeRule(),
        new InitdeadRule(),
        new DeadtimeDrbdRule(),
        new AuthKeysModeRule(),
        new AuthKeysIdenticalRule(),
        new AuthKeysKeyRule(),
        new HaResourcesIdenticalRule(),
        new HaResourcesContinuationRule(),
        new NodesRule(),
        new HaCfIdenticalRule(),
        new FencingRule(),
        new AfterSplitBrainRule(),
        new ProtocolRule(),
        new HostSectionRule(),
        new DrbdIdenticalRule(),
        new LvmFilterRule(),
        new ArpFilterRule(),
        new TargetAuthRule(),
        new IscsiRecordsRule(),
        new ReplacementTimeoutRule(),
        new NoPathRetryRule(),
        new ObsoleteKeywordRule(),
        new BlacklistPatternRule(),
    ];

    /// <summary>Runs the rules; findings come errors first, then warnings, then infos, each in rule order.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="measured">Machine-dependent terms for the budget rules; default <see cref="MeasuredTerms.NotMeasured"/>.</param>
    /// <param name="rules">The rules to run; default <see cref="Rules"/>.</param>
    public static LintReport Run(SutConfiguration config, MeasuredTerms? measured = null, IEnumerable<IConfigRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var context = new LintContext(config, measured ?? MeasuredTerms.NotMeasured);
        var findings = (rules ?? Rules).SelectMany((r, i) => r.Check(context).Select(f => (f, i)))
            .OrderByDescending(x => x.f.Severity).ThenBy(x => x.i).Select(x => x.f).ToArray();
        return new LintReport(config.Origin, findings);
    }
}
