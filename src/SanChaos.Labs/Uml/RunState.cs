namespace SanChaos.Labs.Uml;

/// <summary>
/// What one embedded lab run created, on disk as <c>&lt;runs dir&gt;/&lt;run id&gt;/state.json</c>: enough for another
/// process (<c>lab status</c>, <c>lab down</c>) or the reaper of a later run to find and remove all of it. Processes
/// are recorded with their start time, so a pid reused by a foreign process is never signalled.
/// </summary>
internal sealed class RunState
{
    /// <summary>File format version.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The run id.</summary>
    public string RunId { get; set; } = "";

    /// <summary>The lab's network namespace.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>starting, up, stopping.</summary>
    public string Phase { get; set; } = "starting";

    /// <summary>The process that owns the lab (holds the serial relay and SSH masters).</summary>
    public int OwnerPid { get; set; }

    /// <summary>Its start time in clock ticks after boot.</summary>
    public long OwnerStartTicks { get; set; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>Bridge devices inside the namespace.</summary>
    public List<string> Bridges { get; set; } = [];

    /// <summary>Tap devices inside the namespace.</summary>
    public List<string> Taps { get; set; } = [];

    /// <summary>The nodes.</summary>
    public List<RunNodeState> Nodes { get; set; } = [];

    /// <summary>Switches whose power is off.</summary>
    public List<string> SwitchesOff { get; set; } = [];

    /// <summary>Cut cables as <c>node/interface</c>.</summary>
    public List<string> CablesCut { get; set; } = [];
}
