using System.Text.Json;
using System.Text.Json.Serialization;
using SanChaos.Labs.Serial;

namespace SanChaos.Session.Keeper;

/// <summary>One request to a lab keeper: a JSON object on one line (see <see cref="KeeperOps"/>).</summary>
public sealed record KeeperRequest
{
    /// <summary>The operation (<see cref="KeeperOps"/>).</summary>
    public string Op { get; init; } = "";

    /// <summary>Node, for cable and link operations.</summary>
    public string? Node { get; init; }

    /// <summary>Interface, for cable and link operations.</summary>
    public string? Nic { get; init; }

    /// <summary>Added delay in milliseconds (<see cref="KeeperOps.Degrade"/>).</summary>
    public double DelayMs { get; init; }

    /// <summary>Jitter in milliseconds (<see cref="KeeperOps.Degrade"/>).</summary>
    public double JitterMs { get; init; }

    /// <summary>Loss in percent (<see cref="KeeperOps.Degrade"/>).</summary>
    public double LossPercent { get; init; }

    /// <summary>PDU name (<see cref="KeeperOps.PduAddress"/>).</summary>
    public string? Pdu { get; init; }
}

/// <summary>A keeper's answer: <see cref="Ok"/> with a value, or the problem and what to do.</summary>
public sealed record KeeperResponse
{
    /// <summary>True when the operation was carried out.</summary>
    public bool Ok { get; init; }

    /// <summary>A text result (a PDU address, a status line).</summary>
    public string? Value { get; init; }

    /// <summary>A yes/no result (is a cable cut, is the serial cable plugged).</summary>
    public bool? Flag { get; init; }

    /// <summary>The keeper's description of itself (<see cref="KeeperOps.Describe"/>).</summary>
    public KeeperDescription? Description { get; init; }

    /// <summary>What went wrong.</summary>
    public string? Problem { get; init; }

    /// <summary>What to do about it.</summary>
    public string? Remedy { get; init; }
}

/// <summary>What a keeper holds.</summary>
/// <param name="Pid">The keeper's process id.</param>
/// <param name="RunId">The lab's run id.</param>
/// <param name="InventoryPath">The inventory it brought up.</param>
/// <param name="InventoryDigest">SHA-256 of that file's content when it was brought up.</param>
/// <param name="Namespace">The lab's network namespace.</param>
/// <param name="UpSeconds">How long lab up took.</param>
/// <param name="ResourceGroupStartSeconds">How long the resource group took to start at lab up, when measured.</param>
/// <param name="Serial">The serial relay's state and counters, one line; null without a serial cable.</param>
/// <param name="SerialFailure">Why the serial relay stopped; null while it runs.</param>
/// <param name="SerialCounters">The serial relay's counters when described (a drill process reads them at a scenario's start
/// and end); null without a serial cable.</param>
public sealed record KeeperDescription(
    int Pid, string RunId, string InventoryPath, string InventoryDigest, string Namespace, double UpSeconds,
    double? ResourceGroupStartSeconds, string? Serial, string? SerialFailure = null, SerialRelayCounters? SerialCounters = null);

/// <summary>The operations a keeper answers.</summary>
public static class KeeperOps
{
    /// <summary>What the keeper holds (<see cref="KeeperDescription"/>).</summary>
    public const string Describe = "describe";

    /// <summary>Take the lab down (after healing journalled faults) and exit.</summary>
    public const string Down = "down";

    /// <summary>Cut a node interface's cable.</summary>
    public const string Cut = "cut";

    /// <summary>Restore a node interface's cable.</summary>
    public const string Restore = "restore";

    /// <summary>Whether a cable is cut.</summary>
    public const string IsCut = "is-cut";

    /// <summary>Pull the serial cable.</summary>
    public const string SerialPull = "serial-pull";

    /// <summary>Plug the serial cable back in.</summary>
    public const string SerialPlug = "serial-plug";

    /// <summary>Whether the serial cable is plugged.</summary>
    public const string SerialPlugged = "serial-plugged";

    /// <summary>Degrade a node interface's link (netem).</summary>
    public const string Degrade = "degrade";

    /// <summary>Take a link's degradation off.</summary>
    public const string Clean = "clean";

    /// <summary>The Redfish address of an embedded PDU.</summary>
    public const string PduAddress = "pdu-address";
}

/// <summary>The wire format: camelCase JSON, one object per line.</summary>
public static class KeeperJson
{
    /// <summary>Serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
