namespace SanChaos.Labs.Uml;

/// <summary>One node in <see cref="RunState"/>.</summary>
internal sealed class RunNodeState
{
    /// <summary>Node name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its UML main process, also its process group and session id; 0 when powered off.</summary>
    public int Pid { get; set; }

    /// <summary>The main process's start time in clock ticks after boot.</summary>
    public long StartTicks { get; set; }

    /// <summary>True while its outlet is on.</summary>
    public bool Powered { get; set; }

    /// <summary>Times it was started.</summary>
    public int Boots { get; set; }

    /// <summary>Management address.</summary>
    public string ManagementAddress { get; set; } = "";

    /// <summary>Console log path.</summary>
    public string ConsoleLog { get; set; } = "";
}
