using SanChaos.Core.Secrets;

namespace SanChaos.Core.Errors;

/// <summary>
/// Base of every error SanChaos raises on purpose. The message says what went wrong and where;
/// <see cref="Remedy"/> says what the user should do next. Message, problem and remedy are redacted
/// (<see cref="Redactor"/>): a registered secret never reaches an error.
/// </summary>
public class SanChaosException : Exception
{
    /// <summary>Creates an error with a message and the step that fixes it.</summary>
    /// <param name="message">What went wrong, naming the file and line, node or command.</param>
    /// <param name="remedy">What to do about it; empty when nothing can be suggested.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public SanChaosException(string message, string remedy = "", Exception? inner = null)
        : base(Redactor.Redact(Compose(message, remedy)), inner)
    {
        Problem = Redactor.Redact(message);
        Remedy = Redactor.Redact(remedy);
    }

    /// <summary>What went wrong, without the remedy.</summary>
    public string Problem { get; }

    /// <summary>What the user should do about it (may be empty).</summary>
    public string Remedy { get; }

    private static string Compose(string message, string remedy) =>
        string.IsNullOrWhiteSpace(remedy) ? message : $"{message}{Environment.NewLine}What to do: {remedy}";
}
