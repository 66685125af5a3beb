using SanChaos.Core.Commands;
using SanChaos.Labs.Remote;

namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>
/// Runs the <c>vagrant</c> executable in the Vagrantfile's directory, one command per lab action (the argument vectors
/// are data, see <see cref="VagrantCommands"/>). Every failure is a <see cref="CommandFailedException"/> naming the
/// command, its exit code and output, and what to do.
/// </summary>
public sealed class VagrantCli
{
    private readonly VagrantCliOptions _o;

    /// <summary>A CLI for the Vagrantfile in <see cref="VagrantCliOptions.Directory"/>.</summary>
    public VagrantCli(VagrantCliOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        ArgumentException.ThrowIfNullOrEmpty(options.Executable);
        _o = options;
    }

    /// <summary>The Vagrantfile's directory (the working directory of every command).</summary>
    public string Directory => _o.Directory;

    /// <summary>Creates (first time), boots and provisions every machine with <paramref name="provider"/>.</summary>
    public Task UpAsync(string provider, CancellationToken ct = default) => RunAsync(VagrantCommands.Up(provider), ct);

    /// <summary>Every machine's SSH settings, as <c>vagrant ssh-config</c> prints them (see <see cref="VagrantSshConfig"/>).</summary>
    public async Task<string> SshConfigAsync(CancellationToken ct = default) =>
        (await RunAsync(VagrantCommands.SshConfig, ct).ConfigureAwait(false)).StandardOutput;

    /// <summary>Cuts <paramref name="machine"/>'s power through the provider (<c>vagrant halt --force</c>).</summary>
    public Task PowerOffAsync(string machine, CancellationToken ct = default) => RunAsync(VagrantCommands.PowerOff(machine), ct);

    /// <summary>Boots <paramref name="machine"/> again without provisioning it (<c>vagrant up --no-provision</c>).</summary>
    public Task PowerOnAsync(string machine, CancellationToken ct = default) => RunAsync(VagrantCommands.PowerOn(machine), ct);

    /// <summary>Destroys every machine (<c>vagrant destroy -f</c>).</summary>
    public Task DestroyAsync(CancellationToken ct = default) => RunAsync(VagrantCommands.Destroy, ct);

    /// <summary>Runs one command; throws <see cref="CommandFailedException"/> with its remedy unless it exits 0.</summary>
    private Task<CommandResult> RunAsync(VagrantCommand command, CancellationToken ct)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // No colour codes in the output errors quote; never ask HashiCorp for a newer version.
            ["VAGRANT_NO_COLOR"] = "1",
            ["VAGRANT_CHECKPOINT_DISABLE"] = "1",
        };
        foreach (var (name, value) in _o.Environment) environment[name] = value;
        var remedy = command.Remedy.Replace("{dir}", _o.Directory, StringComparison.Ordinal);
        _o.Progress?.Invoke($"vagrant: {HostCommand.Format([_o.Executable, .. command.Arguments])} (in {_o.Directory})");
        return HostCommand.RunCheckedAsync([_o.Executable, .. command.Arguments], timeout: command.Timeout, ct: ct,
            remedy: remedy, workingDirectory: _o.Directory, environment: environment);
    }
}
