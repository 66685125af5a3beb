using System.Runtime.InteropServices;
using SanChaos.Core.Errors;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Network namespaces for the thread that calls: <c>setns(2)</c> with <c>CLONE_NEWNET</c> on <c>/run/netns/NAME</c>
/// (what <c>ip netns add</c> creates). Only a thread the caller created for the purpose may enter a namespace
/// (<see cref="RunOnOwnThreadAsync{T}"/>, the live capture's thread): the thread stays there until it ends and never
/// runs anything else, so no pool thread, no other thread and not the process's main thread ever changes namespace.
/// Nothing is moved between namespaces: no interface, no address.
/// </summary>
internal static partial class Netns
{
    /// <summary>setns(2) namespace type of a network namespace.</summary>
    private const int CloneNewNet = 0x40000000;

    /// <summary>Where <c>ip netns</c> keeps named namespaces.</summary>
    public const string Directory = "/run/netns";

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    /// <summary>The file of namespace <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The kernel's id of the calling thread (as in <c>/proc/self/task</c>).</summary>
    public static int CurrentThreadId() => GetTid();

    /// <summary>The network namespace of the calling thread, as the kernel names it (<c>net:[4026531840]</c>).</summary>
    public static string OfCurrentThread() => new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? "";

    /// <summary>The network namespace of thread <paramref name="tid"/> of this process, or null when it has ended.</summary>
    public static string? OfThread(int tid)
    {
        try
        {
            return new FileInfo($"/proc/self/task/{tid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves the calling thread into network namespace <paramref name="name"/>. The caller must be a dedicated thread
    /// (never a pool thread) that ends without going back.
    /// </summary>
    public static void EnterOnThisThread(string name)
    {
        if (Thread.CurrentThread.IsThreadPoolThread)
            throw new InvalidOperationException("a pool thread must never change its network namespace; use a thread of its own");
        var path = PathOf(name);
        if (!File.Exists(path))
            throw new SanChaosException($"The network namespace '{name}' does not exist ({path} is missing).",
                $"`ip netns list` shows the namespaces there are; start the lab (or create the namespace) before the capture.");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SanChaosException(
                $"setns({path}, CLONE_NEWNET) failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).",
                "entering a network namespace needs CAP_SYS_ADMIN: run the harness as root.");
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a new thread of its own that first enters <paramref name="name"/> (null: stays
    /// in the process's namespace) and ends when the work returns. For short jobs (sending a frame in a test, reading a
    /// namespace's counters); the live capture keeps its own thread.
    /// </summary>
    public static Task<T> RunOnOwnThreadAsync<T>(string? name, string threadName, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (name is not null) EnterOnThisThread(name);
                done.TrySetResult(work());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();
        return done.Task;
    }
}
