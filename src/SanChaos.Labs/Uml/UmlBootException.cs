using SanChaos.Core.Errors;

namespace SanChaos.Labs.Uml;

/// <summary>A node of the embedded lab did not boot (its kernel exited, or it never answered SSH). Carries the tail of
/// its console log.</summary>
public sealed class UmlBootException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="node">The node.</param>
    /// <param name="what">What went wrong, e.g. "its kernel exited after 3.2 s".</param>
    /// <param name="consoleLog">Path of its console log.</param>
    /// <param name="consoleTail">The last lines of it.</param>
    /// <param name="inner">The underlying error (e.g. the SSH wait that timed out).</param>
    public UmlBootException(string node, string what, string consoleLog, string consoleTail, Exception? inner = null)
        : base($"Node {node} did not boot: {what}.{Environment.NewLine}Last lines of its console ({consoleLog}):{Environment.NewLine}{Indent(consoleTail)}",
            $"read {consoleLog} (kept until the next lab up or down); a kernel panic or a failed unit shows there. Check free memory (UML keeps each node's mem= in /dev/shm) and that the image is complete (delete its cache directory to rebuild it).",
            inner)
    {
        Node = node;
        ConsoleLog = consoleLog;
        ConsoleTail = consoleTail;
    }

    /// <summary>The node.</summary>
    public string Node { get; }

    /// <summary>Path of its console log.</summary>
    public string ConsoleLog { get; }

    /// <summary>The last lines of the console log.</summary>
    public string ConsoleTail { get; }

    private static string Indent(string text) => "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
