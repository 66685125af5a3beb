namespace SanChaos.Labs.Uml;

/// <summary>How the embedded lab runs on this machine. Every option has a default that works on a Debian 12 host
/// with <c>user-mode-linux</c> and <c>debootstrap</c> installed, run as root.</summary>
public sealed record UmlLabOptions
{
    /// <summary>Default of <see cref="RunsDirectory"/>.</summary>
    public const string DefaultRunsDirectory = "/var/lib/sanchaos/runs";

    /// <summary>Default cache root when <c>$SANCHAOS_CACHE</c> is not set.</summary>
    public const string DefaultCacheDirectory = "/var/cache/sanchaos";

    /// <summary>
    /// Where each run keeps its state file (<c>state.json</c>, read by <c>lab status</c> and <c>lab down</c> from
    /// another process), copy-on-write roots, data disks and console logs: <c>&lt;RunsDirectory&gt;/&lt;run id&gt;/</c>.
    /// Default <c>/var/lib/sanchaos/runs</c>.
    /// </summary>
    public string RunsDirectory { get; init; } = DefaultRunsDirectory;

    /// <summary>
    /// Cache root: images under <c>images/&lt;sha256 of the recipe&gt;/base.img</c>, downloaded packages under
    /// <c>packages/</c>. Default: <c>$SANCHAOS_CACHE</c>, else <c>/var/cache/sanchaos</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The image recipe directory (<c>lab/uml</c> of the repository). Default: <c>$SANCHAOS_UML_RECIPE</c>, else
    /// <c>lab/uml</c> found by walking up from the current directory and from the application's directory.
    /// </summary>
    public string? RecipeDirectory { get; init; }

    /// <summary>
    /// Debian mirror for the image. Default: <c>$SANCHAOS_MIRROR</c>, else the Debian mirror configured in
    /// <c>/etc/apt/sources.list</c> and <c>/etc/apt/sources.list.d/</c>, else <c>http://deb.debian.org/debian</c>.
    /// </summary>
    public string? Mirror { get; init; }

    /// <summary>Debian suite of the image. Default <c>bookworm</c>.</summary>
    public string Suite { get; init; } = "bookworm";

    /// <summary>Size of the image's ext4 file system (mke2fs syntax). Default <c>1536M</c>.</summary>
    public string ImageSize { get; init; } = "1536M";

    /// <summary>The UML kernel. Default <c>linux.uml</c> (package <c>user-mode-linux</c>), looked up in PATH.</summary>
    public string UmlKernel { get; init; } = "linux.uml";

    /// <summary>
    /// A node kernel of a SUT build (<see cref="Kernels.UmlKernelFetcher"/>): replaces <see cref="UmlKernel"/> and its
    /// launch (a fetched glibc where it needs one) and <see cref="UmlModulesDirectory"/> (its own modules). Default null.
    /// </summary>
    public Kernels.UmlKernel? Kernel { get; init; }

    /// <summary>The host's UML modules tree, copied into the image. Default <c>/usr/lib/uml/modules</c>.</summary>
    public string UmlModulesDirectory { get; init; } = "/usr/lib/uml/modules";

    /// <summary>The modules tree the image gets: <see cref="Kernel"/>'s when one is set, else <see cref="UmlModulesDirectory"/>.</summary>
    public string ModulesDirectory => Kernel?.ModulesDirectory ?? UmlModulesDirectory;

    /// <summary>
    /// Directory for UML's guest-memory file (UML mmaps an unlinked file there; a tmpfs keeps guest RAM off the
    /// disk). Default <c>/dev/shm</c>.
    /// </summary>
    public string GuestMemoryDirectory { get; init; } = "/dev/shm";

    /// <summary>Private key the harness logs in with (its public half is <see cref="UmlTopology.SshPublicKey"/>). Required
    /// for SSH; <see cref="UmlLab.EnsureSshKeyAsync"/> creates a pair.</summary>
    public string? SshPrivateKeyFile { get; init; }

    /// <summary>Login user on the nodes. Default <c>root</c>.</summary>
    public string SshUser { get; init; } = "root";

    /// <summary>
    /// Makes the <see cref="INode"/> the lab hands out for a node, given how to reach it. Default: an OpenSSH client
    /// with ControlMaster, run inside the lab's namespace (<c>ip netns exec</c>).
    /// </summary>
    public Func<UmlNodeAccess, INode>? NodeFactory { get; init; }

    /// <summary>
    /// How many nodes boot at once during <see cref="IUmlLab.UpAsync"/> (the next starts when one answers SSH).
    /// Default 1. A UML boot is CPU bound, and on a 2-core machine concurrent boots slow each other down more than
    /// proportionally: measured here (three nodes), one at a time 54 s in all (~17 s each), two 64 s, three 72 s.
    /// Measure with the lab-up benchmark (<c>--boot-concurrency</c>) before changing it.
    /// </summary>
    public int BootConcurrency { get; init; } = 1;

    /// <summary>
    /// Awaited before a node's kernel is started by <c>UpAsync</c> (null: boot at once, in topology order). Lets the
    /// caller hold a node back until it will not compete for the CPU with work that needs it: the embedded lab boots
    /// the client while Heartbeat on the storage nodes mostly waits on its own timers.
    /// </summary>
    public Func<string, CancellationToken, Task>? BootWhen { get; init; }

    /// <summary>How long <c>UpAsync</c> waits for the machine's lab lock while another process drives a lab. Default 60 min.</summary>
    public TimeSpan LabLockTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a node may take from its kernel start to answering SSH. Default 180 s.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>How long an image build may take. Default 30 minutes.</summary>
    public TimeSpan ImageBuildTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Keep the nodes' console logs (<c>&lt;run dir&gt;/console/</c>) when the lab goes down; everything
    /// else of the run is removed. They stay until the next lab up or down reaps them: copy them elsewhere (e.g. into
    /// the report) to keep them longer. Default false. An up that fails always keeps them that long.</summary>
    public bool KeepConsoleLogs { get; init; }

    /// <summary>Receives one line per step (<c>[  12.3 s] image: debootstrap</c>) for the CLI to show. Default none.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Clock for timings and waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The cache root actually used: <see cref="CacheDirectory"/>, else <c>$SANCHAOS_CACHE</c>, else
    /// <see cref="DefaultCacheDirectory"/>.</summary>
    public string EffectiveCacheDirectory =>
        CacheDirectory ?? NonEmpty(Environment.GetEnvironmentVariable("SANCHAOS_CACHE")) ?? DefaultCacheDirectory;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
