using SanChaos.Core.Errors;

namespace SanChaos.Config;

/// <summary>
/// The input is not a configuration that can be linted at all: a folder that does not exist or has no node
/// folders, a malformed <c>.modes</c> file, a node that could not be read. The message names the file and line.
/// </summary>
public sealed class ConfigInputException : SanChaosException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, with file and line.</param>
    /// <param name="remedy">What to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ConfigInputException(string message, string remedy, Exception? inner = null) : base(message, remedy, inner)
    {
    }
}
