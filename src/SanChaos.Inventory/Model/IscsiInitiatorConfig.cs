namespace SanChaos.Inventory.Model;

/// <summary>open-iscsi settings on the client. Defaults are the seeds'.</summary>
/// <param name="NoopOutInterval">node.conn[0].timeo.noop_out_interval. Default 5 s.</param>
/// <param name="NoopOutTimeout">node.conn[0].timeo.noop_out_timeout. Default 10 s.</param>
/// <param name="ReplacementTimeout">node.session.timeo.replacement_timeout. Default 15 s.</param>
/// <param name="Startup">node.startup. Default <c>automatic</c>.</param>
public sealed record IscsiInitiatorConfig(TimeSpan NoopOutInterval, TimeSpan NoopOutTimeout, TimeSpan ReplacementTimeout, string Startup)
{
    /// <summary>The seeds' values.</summary>
    public static IscsiInitiatorConfig Seeds { get; } =
        new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), "automatic");
}
