namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>How <see cref="VagrantCli"/> runs vagrant.</summary>
public sealed record VagrantCliOptions
{
    /// <summary>The directory holding the Vagrantfile: every command's working directory. Required.</summary>
    public required string Directory { get; init; }

    /// <summary>The vagrant executable. Default <c>vagrant</c> from PATH.</summary>
    public string Executable { get; init; } = "vagrant";

    /// <summary>
    /// Variables set for every command (a null value removes one), on top of the harness's environment and of
    /// <c>VAGRANT_NO_COLOR=1</c> and <c>VAGRANT_CHECKPOINT_DISABLE=1</c>, which are always set. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Gets each command line before it runs. Default: none.</summary>
    public Action<string>? Progress { get; init; }
}
