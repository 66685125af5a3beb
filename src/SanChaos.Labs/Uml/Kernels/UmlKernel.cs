namespace SanChaos.Labs.Uml.Kernels;

/// <summary>A node kernel ready to boot: the binary, its modules tree and how to launch it.</summary>
/// <param name="Name">The build's kernel name (<c>6.1</c>, <c>7.2-seccomp</c>).</param>
/// <param name="Version">The package version it came from (<c>6.1+...</c>, <c>7.2um1</c>).</param>
/// <param name="Binary">The <c>linux.uml</c> executable.</param>
/// <param name="ModulesDirectory">Its modules tree (<c>&lt;dir&gt;/&lt;kernel release&gt;/</c>), copied into the image.</param>
/// <param name="LibraryDirectory">
/// A glibc library directory bind-mounted over the host's <c>/usr/lib/x86_64-linux-gnu</c> in the kernel's private mount
/// namespace (the kernel needs a newer glibc than the host's); null to run on the host's libc.
/// </param>
/// <param name="Arguments">Added to every node's kernel command line.</param>
public sealed record UmlKernel(string Name, string Version, string Binary, string ModulesDirectory, string? LibraryDirectory,
    IReadOnlyList<string> Arguments)
{
    /// <summary>The host's library directory the fetched glibc replaces.</summary>
    public const string HostLibraryDirectory = "/usr/lib/x86_64-linux-gnu";

    /// <summary>
    /// The command that starts the kernel with <paramref name="kernelArguments"/>, to run after <c>setsid</c>: with a
    /// library directory, <c>unshare</c> makes a private mount namespace, one bind mount swaps glibc (loader and libc
    /// together, so nothing runs half-swapped), and each step exec's in place so the PID stays the kernel's.
    /// </summary>
    public IReadOnlyList<string> Command(IReadOnlyList<string> kernelArguments)
    {
        var args = kernelArguments.Concat(Arguments).ToList();
        if (LibraryDirectory is null) return [Binary, .. args];
        return
        [
            "unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
            $"mount --bind \"$0\" {HostLibraryDirectory} && exec \"$@\"", LibraryDirectory, Binary, .. args,
        ];
    }
}
