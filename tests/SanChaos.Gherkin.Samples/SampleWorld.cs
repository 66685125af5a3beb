namespace SanChaos.Gherkin.Samples;

/// <summary>Per-scenario state shared by the sample bindings (context injection).</summary>
public sealed class SampleWorld : IDisposable
{
    public int StorageNodes { get; set; }
    public string Holder { get; set; } = "";
    public List<string> Log { get; } = new();
    public int Waits { get; set; }
    public bool FaultActive { get; set; }

    /// <summary>Records every healed fault across scenarios (the cancellation test reads it).</summary>
    public static List<string> Heals { get; } = new();

    public static int Disposed;

    public void Dispose() => Interlocked.Increment(ref Disposed);
}
