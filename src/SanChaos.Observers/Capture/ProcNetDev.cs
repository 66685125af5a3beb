using System.Globalization;

namespace SanChaos.Observers.Capture;

/// <summary>
/// Interface counters of the calling thread's network namespace, from <c>/proc/thread-self/net/dev</c>. (libpcap reads
/// its "dropped by interface" from <c>/sys/class/net</c>, which shows the namespace sysfs was mounted in, not the
/// capture thread's: wrong for a capture inside a lab namespace.)
/// </summary>
internal static class ProcNetDev
{
    /// <summary>The receive-dropped counter of <paramref name="iface"/>, or null when it cannot be read.</summary>
    public static long? RxDropped(string iface)
    {
        try
        {
            return Parse(File.ReadAllText("/proc/thread-self/net/dev"), iface);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The receive "drop" column of <paramref name="iface"/> in a <c>/proc/net/dev</c> text.</summary>
    internal static long? Parse(string text, string iface)
    {
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() != iface) continue;
            // Receive: bytes packets errs drop fifo frame compressed multicast; then transmit.
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 3 && long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        return null;
    }
}
