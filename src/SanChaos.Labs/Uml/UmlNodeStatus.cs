namespace SanChaos.Labs.Uml;

/// <summary>One node of a run in <see cref="UmlRunStatus"/>.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Pid">Its kernel's main process (and process group), 0 when off.</param>
/// <param name="Running">True when that process still runs.</param>
/// <param name="Powered">True when its outlet is on.</param>
/// <param name="ManagementAddress">Where SSH reaches it (inside the run's namespace).</param>
/// <param name="ConsoleLog">Its console log.</param>
public sealed record UmlNodeStatus(string Name, int Pid, bool Running, bool Powered, string ManagementAddress, string ConsoleLog);
