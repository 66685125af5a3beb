using SanChaos.Core.Secrets;

namespace SanChaos.Labs.Kinds;

/// <summary>How a lab is opened.</summary>
public sealed record LabOptions
{
    /// <summary>Run id labelling everything the lab creates. Default: random.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// Progress lines (image build, boot, provisioning, warnings). Default: none. Every line is redacted
    /// (<see cref="Redactor"/>) before the callback sees it: a registered secret never reaches a progress line.
    /// </summary>
    public Action<string>? Progress { get; init => field = Redactor.Wrap(value); }

    /// <summary>Clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long steady state may take after provisioning. Default 3 min.</summary>
    public TimeSpan SteadyStateTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Embedded and Vagrant labs: the harness's SSH key. Default <c>/var/lib/sanchaos/embedded/id_ed25519</c> (embedded),
    /// <c>.sanchaos/id_ed25519</c> in the Vagrantfile's directory (Vagrant).
    /// </summary>
    public string? SshPrivateKeyFile { get; init; }

    /// <summary>Embedded lab: where run state lives. Default <c>/var/lib/sanchaos/runs</c>.</summary>
    public string? RunsDirectory { get; init; }

    /// <summary>Leave a lab that failed to come up running, for inspection. Default false (it is taken down).</summary>
    public bool KeepOnFailure { get; init; }

    /// <summary>Vagrant lab: the vagrant, VBoxManage and virsh executables. Default: each from PATH.</summary>
    public Vagrant.VagrantTools? VagrantTools { get; init; }
}
