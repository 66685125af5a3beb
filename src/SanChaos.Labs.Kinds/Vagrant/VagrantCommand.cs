namespace SanChaos.Labs.Kinds.Vagrant;

/// <summary>One vagrant command line: its arguments, how long it may take, and what to do when it fails.</summary>
/// <param name="Arguments">The arguments after the executable.</param>
/// <param name="Timeout">Its deadline.</param>
/// <param name="Remedy">What to do when it fails; <c>{dir}</c> stands for the Vagrantfile's directory.</param>
public sealed record VagrantCommand(IReadOnlyList<string> Arguments, TimeSpan Timeout, string Remedy);
