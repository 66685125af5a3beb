namespace SanChaos.Labs.Capabilities;

/// <summary>
/// A lab capability: what lab up measured on this lab that the failover budget needs (terms that depend on the machine,
/// not on the configuration). A lab brought up elsewhere (a rack) does not offer it; the budget then says "not measured".
/// </summary>
public interface ILabMeasurements
{
    /// <summary>How long the resource group took to start at lab up; null when not measured.</summary>
    TimeSpan? ResourceGroupStart { get; }
}
