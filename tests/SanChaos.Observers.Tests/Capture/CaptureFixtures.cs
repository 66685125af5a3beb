using SanChaos.Core;
using SanChaos.Inventory.Loading;
using SanChaos.Inventory.Model;

namespace SanChaos.Observers.Tests.Capture;

/// <summary>The recorded fixtures of Capture/Fixtures (read from the source tree) and the embedded lab's inventory.</summary>
internal static class CaptureFixtures
{
    public static string Dir => Path.Combine(Repository.Root(), "tests", "SanChaos.Observers.Tests", "Capture", "Fixtures");

    public static string PathOf(string name) => Path.Combine(Dir, name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    /// <summary>lab/embedded.yaml: otter, weasel, badger with the MACs the fixtures and test namespaces use.</summary>
    public static LabInventory Embedded() => InventoryLoader.Load(Path.Combine(Repository.Root(), "lab", "embedded.yaml"));

    public const string OtterA = "52:54:00:01:02:01";
    public const string WeaselA = "52:54:00:02:02:01";
    public const string BadgerA = "52:54:00:03:02:01";
    public const string OtterB = "52:54:00:01:03:01";
    public const string WeaselB = "52:54:00:02:03:01";
    public const string BadgerB = "52:54:00:03:03:01";
}
